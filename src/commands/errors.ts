// Errors of the command layer. Cancellation is not an error; a failed step of a multi-step operation says
// which step failed and what state things are in.
import { isCancellation } from '../vcd';

/** The person dismissed a prompt: end the command quietly. */
export class CancelledByUser extends Error {
  override readonly name = 'CancelledByUser';
  constructor() {
    super('Cancelled');
  }
}

/** A step of a multi-step operation failed; `message` is the whole sentence for the person. */
export class StepFailedError extends Error {
  override readonly name = 'StepFailedError';
  constructor(message: string, readonly step: string, override readonly cause: unknown) {
    super(message);
  }
}

export function isCancelled(err: unknown): boolean {
  return err instanceof CancelledByUser || isCancellation(err);
}

export function messageOf(err: unknown): string {
  if (err instanceof Error) return 'userMessage' in err && typeof err.userMessage === 'string' ? err.userMessage : err.message;
  return String(err);
}
