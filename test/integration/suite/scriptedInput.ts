// A scripted UserInput for extension-host tests: a queue of the prompts a test expects, in order, with
// the answers. An unexpected prompt (or a modal nobody expected) is recorded as a problem and cancelled;
// `assertDone()` fails the test on any problem or on expected prompts that never came.
import * as assert from 'node:assert/strict';
import type {
  Back, InputBoxRequest, MessageRequest, ProgressReport, ProgressRequest, QuickPickRequest, SearchPickAnswer, SearchPickEntry, SearchPickRequest, SearchPickSource, UserInput,
} from '../../../src/platform/userInput';

/** The extension's Back value (a registered symbol, so it is the same inside the bundle). */
export const BACK: Back = Symbol.for('vcd.userInput.back') as unknown as Back;

export type Step =
  | { kind: 'input'; id: string; answer: string | Back | undefined; check?: (req: InputBoxRequest) => void }
  | { kind: 'pick'; id: string; choose: (items: QuickPickRequest<unknown>['items']) => unknown; check?: (req: QuickPickRequest<unknown>) => void }
  /**
   * A search-as-you-type pick: `drive` types into it (as fast as a test can: the source debounces), waits for the
   * searches it started, and answers with a row's value (and a row button), or undefined to dismiss it.
   */
  | { kind: 'search'; id: string; drive: (pick: ScriptedSearch<unknown>) => Promise<SearchPickAnswer<unknown> | undefined>; check?: (req: SearchPickRequest<unknown>) => void }
  | { kind: 'message'; match: RegExp; answer?: string; check?: (req: MessageRequest) => void }
  | { kind: 'external'; match: RegExp };

/** What the search pick showed after one change: the text typed so far, the rows, and whether a search ran. */
export interface SearchSnapshot<T> {
  text: string;
  entries: readonly SearchPickEntry<T>[];
  busy: boolean;
}

/** A person typing into a search pick, for a `search` step. */
export class ScriptedSearch<T> {
  /** Every state the pick showed, in order (a row never shown for a text is a row the person never saw). */
  readonly history: SearchSnapshot<T>[] = [];
  private text = '';
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly source: SearchPickSource<T>, initial: string) {
    this.text = initial;
    source.onDidChange(() => {
      this.history.push({ text: this.text, entries: source.entries, busy: source.busy });
      if (!source.busy) for (const wake of this.waiting.splice(0)) wake();
    });
  }

  /** Replaces the text, as one keystroke does. */
  type(text: string): void {
    this.text = text;
    this.source.setText(text);
  }

  get entries(): readonly SearchPickEntry<T>[] {
    return this.source.entries;
  }

  get busy(): boolean {
    return this.source.busy;
  }

  /** The rows that can be chosen (items with a value). */
  choices(): Extract<SearchPickEntry<T>, { kind: 'item' }>[] {
    return this.source.entries.filter((e): e is Extract<SearchPickEntry<T>, { kind: 'item' }> => e.kind === 'item' && e.value !== undefined);
  }

  /** Resolves with the rows once no search runs (at once when none does). */
  async settled(): Promise<readonly SearchPickEntry<T>[]> {
    if (this.source.busy) await new Promise<void>((resolve) => this.waiting.push(resolve));
    return this.source.entries;
  }
}

export interface Seen {
  kind: string;
  text: string;
}

export class ScriptedUserInput implements UserInput {
  private readonly steps: Step[];
  readonly seen: Seen[] = [];
  readonly problems: string[] = [];
  /** What the progress notifications said, in order (`<title>: <message>`). */
  readonly progressReports: string[] = [];
  private readonly progressControllers = new Set<AbortController>();

  constructor(steps: Step[]) {
    this.steps = [...steps];
  }

  private take<K extends Step['kind']>(kind: K, accept: (s: Extract<Step, { kind: K }>) => boolean): Extract<Step, { kind: K }> | undefined {
    const next = this.steps[0];
    if (next && next.kind === kind && accept(next as Extract<Step, { kind: K }>)) {
      this.steps.shift();
      return next as Extract<Step, { kind: K }>;
    }
    return undefined;
  }

  private run(check: (() => void) | undefined): void {
    try {
      check?.();
    } catch (err) {
      this.problems.push(err instanceof Error ? err.message : String(err));
    }
  }

  inputBox(req: InputBoxRequest): Promise<string | Back | undefined> {
    this.seen.push({ kind: 'input', text: [req.id, req.title, req.prompt, req.validationMessage, req.password ? '' : req.value].join(' | ') });
    const step = this.take('input', (s) => s.id === req.id);
    if (!step) {
      this.problems.push(`unexpected input box "${req.id}" (${req.prompt ?? ''}); next expected: ${this.describeNext()}`);
      return Promise.resolve(undefined);
    }
    this.run(() => step.check?.(req));
    if (typeof step.answer === 'string' && req.validate) {
      const problem = req.validate(step.answer);
      if (problem) this.problems.push(`input "${req.id}" refused the scripted answer: ${problem}`);
    }
    return Promise.resolve(step.answer);
  }

  quickPick<T>(req: QuickPickRequest<T>): Promise<T | Back | undefined> {
    this.seen.push({ kind: 'pick', text: [req.id, req.title, req.placeHolder, ...req.items.map((i) => `${i.label} ${i.description ?? ''} ${i.detail ?? ''}`)].join(' | ') });
    const step = this.take('pick', (s) => s.id === req.id);
    if (!step) {
      this.problems.push(`unexpected quick pick "${req.id}"; next expected: ${this.describeNext()}`);
      return Promise.resolve(undefined);
    }
    this.run(() => step.check?.(req));
    return Promise.resolve(step.choose(req.items as QuickPickRequest<unknown>['items']) as T | Back | undefined);
  }

  async searchPick<T>(req: SearchPickRequest<T>): Promise<SearchPickAnswer<T> | undefined> {
    this.seen.push({ kind: 'pick', text: [req.id, req.title, req.placeHolder].join(' | ') });
    const step = this.take('search', (s) => s.id === req.id);
    if (!step) {
      this.problems.push(`unexpected search pick "${req.id}"; next expected: ${this.describeNext()}`);
      return undefined;
    }
    this.run(() => step.check?.(req));
    const pick = new ScriptedSearch<T>(req.source, req.value ?? '');
    if ((req.value ?? '') !== '') req.source.setText(req.value ?? '');
    try {
      const answer = await step.drive(pick);
      for (const snapshot of pick.history) {
        for (const entry of snapshot.entries) this.seen.push({ kind: 'pick', text: entry.kind === 'item' ? `${entry.label} ${entry.description ?? ''} ${entry.detail ?? ''}` : entry.label });
      }
      return answer as SearchPickAnswer<T> | undefined;
    } catch (err) {
      this.problems.push(`search pick "${req.id}": ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }

  message(req: MessageRequest): Promise<string | undefined> {
    this.seen.push({ kind: `${req.severity}${req.modal ? ' modal' : ''}`, text: `${req.message} ${req.detail ?? ''}` });
    const step = this.take('message', (s) => s.match.test(req.message));
    if (!step) {
      if (req.modal) this.problems.push(`unexpected modal "${req.message}"; next expected: ${this.describeNext()}`);
      return Promise.resolve(undefined);
    }
    this.run(() => step.check?.(req));
    if (step.answer !== undefined && !(req.actions ?? []).includes(step.answer)) {
      this.problems.push(`message "${req.message}" has no action "${step.answer}" (has ${(req.actions ?? []).join(', ')})`);
    }
    return Promise.resolve(step.answer);
  }

  status(message: string): void {
    this.seen.push({ kind: 'status', text: message });
  }

  /** The status-bar confirmations shown, in order. */
  statuses(): string[] {
    return this.seen.filter((s) => s.kind === 'status').map((s) => s.text);
  }

  openExternal(url: string): Promise<boolean> {
    this.seen.push({ kind: 'external', text: url });
    const step = this.take('external', (s) => s.match.test(url));
    if (!step) this.problems.push(`unexpected openExternal ${url}`);
    return Promise.resolve(step !== undefined);
  }

  /** Runs the task as a notification would; `pressCancel()` is its Cancel button. */
  async progress<T>(req: ProgressRequest, task: (signal: AbortSignal, report: ProgressReport) => Promise<T>): Promise<T> {
    this.seen.push({ kind: 'progress', text: `${req.id} | ${req.title}` });
    const controller = new AbortController();
    this.progressControllers.add(controller);
    try {
      return await task(controller.signal, (message) => this.progressReports.push(`${req.title}: ${message}`));
    } finally {
      this.progressControllers.delete(controller);
    }
  }

  /** Presses Cancel on every cancellable progress notification shown now. */
  pressCancel(): void {
    for (const controller of this.progressControllers) controller.abort();
  }

  private describeNext(): string {
    const next = this.steps[0];
    if (!next) return 'nothing';
    return next.kind === 'message' || next.kind === 'external' ? `${next.kind} ${String(next.match)}` : `${next.kind} ${next.id}`;
  }

  /** Fails on unexpected prompts, failed checks, or expected prompts that never came. */
  assertDone(): void {
    assert.deepEqual(this.problems, [], 'no unexpected prompts');
    assert.deepEqual(this.steps.map((s) => ('id' in s ? s.id : String(s.match))), [], 'every expected prompt came');
  }

  messages(): Seen[] {
    return this.seen.filter((s) => s.kind !== 'input' && s.kind !== 'pick' && s.kind !== 'external' && s.kind !== 'progress');
  }
}
