// The one path from an error to the screen. The core (src/vcd) throws VcdError with facts (kind, host in its message,
// status, request id) and a hint code; this module phrases them once for a person and names the fixes, in one
// vocabulary that commands (message actions), tree error nodes and documents all use. Pure: no vscode import.
import { isCancellation, isVcdError, type VcdHint } from '../vcd';

/** What can fix a failure, as an action a person can take. */
export type Fix = 'setToken' | 'trustCertificate' | 'retry' | 'showLog';

/** The label of each fix, wherever it is offered (message buttons, error nodes). */
export const FIX_LABELS: Record<Fix, string> = {
  setToken: 'Set API Token…',
  trustCertificate: 'Trust Certificate…',
  retry: 'Retry',
  showLog: 'Show Log',
};

/** What a hint asks of the person, after the facts. */
const HINT_SENTENCES: Partial<Record<VcdHint, string>> = {
  setToken: 'Set an API token.',
  newToken: 'Set a new API token.',
  signIn: 'Sign in again and retry.',
};

/** The person dismissed a prompt: end the command quietly. */
export class CancelledByUser extends Error {
  override readonly name = 'CancelledByUser';
  constructor() {
    super('Cancelled');
  }
}

/** A step of a multi-step operation failed; `message` is the whole sentence for the person (it says the state). */
export class StepFailedError extends Error {
  override readonly name = 'StepFailedError';
  constructor(message: string, readonly step: string, override readonly cause: unknown) {
    super(message);
  }
}

export function isCancelled(err: unknown): boolean {
  return err instanceof CancelledByUser || isCancellation(err);
}

/** The sentence to show a person for any error. */
export function messageOf(err: unknown): string {
  if (isVcdError(err)) {
    const ask = err.hint ? HINT_SENTENCES[err.hint] : undefined;
    return ask ? `${err.message} ${ask}` : err.message;
  }
  return err instanceof Error ? err.message : String(err);
}

/** The request and VCD's request id of a failure, for the log and an error node's tooltip. */
export function requestDetail(err: unknown): string | undefined {
  const cause = err instanceof StepFailedError ? err.cause : err;
  if (!isVcdError(cause)) return undefined;
  return [cause.request, cause.requestId ? `Request id ${cause.requestId}` : undefined].filter(Boolean).join(' · ') || undefined;
}

/**
 * The fixes to offer, most useful first; Show Log is always last. `forSite`: a site is known, so its token or
 * certificate can be changed. A failed step of a multi-step operation is not retried as a whole (its message says
 * what state things are in).
 */
export function fixesFor(err: unknown, forSite: boolean): Fix[] {
  const cause = err instanceof StepFailedError ? err.cause : err;
  const hint = isVcdError(cause) ? cause.hint : undefined;
  const first: Fix | undefined =
    (hint === 'setToken' || hint === 'newToken' || hint === 'signIn') && forSite ? 'setToken'
    : hint === 'trustCertificate' && forSite ? 'trustCertificate'
    : hint === 'retry' && !(err instanceof StepFailedError) ? 'retry'
    : undefined;
  return first ? [first, 'showLog'] : ['showLog'];
}
