// What Find VM… shows while the person types: every site that has a working API token is searched, about 200 ms
// after the last keystroke, and every keystroke cancels the searches still running. Each site's VMs come under a
// heading with the site's name, in the order of the settings, as soon as that site answers; a row says how many more
// match than are shown. Sites without a working API token are not searched, and a row says so (choosing it sets a
// token). Pure: no vscode import; the UserInput shows the rows (platform/userInput.ts).
import { isCancellation, isTokenProblem, MAX_VM_SEARCH_LENGTH, statusInWords, type VmRecord, type VmSearchResult } from '../../vcd';
import type { Site } from '../../platform/settings';
import type { PickButton, SearchPickEntry, SearchPickSource } from '../../platform/userInput';
import { vmIcon } from '../../tree/present';
import { messageOf } from '../../platform/errorText';

/** Milliseconds after the last keystroke before the sites are asked. */
export const FIND_VM_DEBOUNCE_MS = 200;

/** The row button that opens the VM's raw API response instead of revealing it. */
export const OPEN_RESPONSE_BUTTON: PickButton = { id: 'openResponse', icon: 'go-to-file', tooltip: 'Open API Response' };

/** What choosing a row means. */
export type FindVmChoice =
  | { kind: 'vm'; site: Site; vm: VmRecord; orgName?: string }
  /** A site that was not searched for want of a working API token: set one. */
  | { kind: 'setToken'; site: Site };

/** A configured site, and why it is not searched (undefined: it is). */
export interface FindVmSite {
  site: Site;
  /** In words: "no API token", "API token rejected". */
  skipped?: string;
}

export interface FindVmSearchOptions {
  sites: readonly FindVmSite[];
  /** Searches one site (one request); rejects with a cancellation when `signal` aborts. */
  search(site: Site, text: string, signal: AbortSignal): Promise<VmSearchResult>;
  /** Organization names by href, for a System site's results (its VM records name the org by href only). */
  orgNames?(site: Site, signal: AbortSignal): Promise<ReadonlyMap<string, string>>;
  debounceMs?: number;
  /** Timers (tests pass their own). */
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  log?: (message: string) => void;
}

type SiteOutcome =
  | { kind: 'found'; result: VmSearchResult }
  | { kind: 'failed'; message: string; tokenProblem: boolean };

/** Longest server text put in a row (VCD names are at most 128 characters; a longer one is cut). */
const MAX_SHOWN = 200;

function clip(text: string): string {
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

export class FindVmSearch implements SearchPickSource<FindVmChoice> {
  private text = '';
  /** Bumped by every change of the text: answers of older searches are dropped. */
  private generation = 0;
  private timer: unknown;
  private running: AbortController | undefined;
  private readonly outcomes = new Map<string, SiteOutcome>();
  private readonly orgNames = new Map<string, ReadonlyMap<string, string>>();
  private readonly listeners = new Set<() => void>();
  private readonly lifetime = new AbortController();
  private tooLong = false;
  private _busy = false;
  private orgNamesPending = 0;
  private _entries: readonly SearchPickEntry<FindVmChoice>[] = [];
  private readonly setTimer: (run: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(private readonly options: FindVmSearchOptions) {
    this.setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
    this.clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
    this._entries = this.render();
    // A System site's VMs name their organization by href: read the names once, while the person types (the pick
    // shows its progress bar until they are there).
    for (const { site } of this.searched()) {
      if (!site.isSystem || !options.orgNames) continue;
      this.orgNamesPending++;
      void options.orgNames(site, this.lifetime.signal).then(
        (names) => this.orgNames.set(site.id, names),
        (err: unknown) => {
          if (!isCancellation(err)) options.log?.(`Find VM: the organization names of ${site.name} could not be read: ${messageOf(err)}`);
        },
      ).finally(() => {
        this.orgNamesPending--;
        if (!this.lifetime.signal.aborted) this.changed();
      });
    }
  }

  get entries(): readonly SearchPickEntry<FindVmChoice>[] {
    return this._entries;
  }

  /** A search runs, or organization names are still being read. */
  get busy(): boolean {
    return this._busy || this.orgNamesPending > 0;
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  setText(raw: string): void {
    const text = raw.trim();
    if (text === this.text || this.lifetime.signal.aborted) return;
    this.text = text;
    const generation = ++this.generation;
    // Every keystroke ends what the last one started: the timer, and the requests still in flight.
    this.cancel();
    this.tooLong = text.length > MAX_VM_SEARCH_LENGTH;
    if (text === '' || this.tooLong || this.searched().length === 0) {
      this.outcomes.clear();
      this._busy = false;
      this.changed();
      return;
    }
    // The rows of the last text stay until the new search starts; the progress bar says one is coming.
    this._busy = true;
    this.changed();
    this.timer = this.setTimer(() => {
      this.timer = undefined;
      if (generation === this.generation) this.run(text, generation);
    }, this.options.debounceMs ?? FIND_VM_DEBOUNCE_MS);
  }

  /** Cancels everything (the pick closed). */
  dispose(): void {
    this.cancel();
    this.lifetime.abort();
    this.listeners.clear();
  }

  private cancel(): void {
    if (this.timer !== undefined) {
      this.clearTimer(this.timer);
      this.timer = undefined;
    }
    this.running?.abort();
    this.running = undefined;
  }

  private searched(): FindVmSite[] {
    return this.options.sites.filter((s) => s.skipped === undefined);
  }

  private run(text: string, generation: number): void {
    const controller = new AbortController();
    this.running = controller;
    this.outcomes.clear();
    this.changed();
    const sites = this.searched();
    this.options.log?.(`Find VM: “${text}” on ${plural(sites.length, 'site')}`);
    const searches = sites.map(({ site }) =>
      this.options.search(site, text, controller.signal).then(
        (result): SiteOutcome => ({ kind: 'found', result }),
        (err: unknown): SiteOutcome | undefined =>
          controller.signal.aborted || isCancellation(err)
            ? undefined
            // A token problem's row offers to set a token itself: its facts, without the advice.
            : { kind: 'failed', message: isTokenProblem(err) && err instanceof Error ? err.message : messageOf(err), tokenProblem: isTokenProblem(err) },
      ).then((outcome) => {
        if (outcome === undefined || generation !== this.generation) return;
        if (outcome.kind === 'failed') this.options.log?.(`Find VM on ${site.name}: ${outcome.message}`);
        this.outcomes.set(site.id, outcome);
        this.changed();
      }),
    );
    void Promise.all(searches).then(() => {
      if (generation !== this.generation) return;
      this.running = undefined;
      this._busy = false;
      this.changed();
    });
  }

  private changed(): void {
    this._entries = this.render();
    for (const listener of [...this.listeners]) listener();
  }

  private render(): SearchPickEntry<FindVmChoice>[] {
    const entries: SearchPickEntry<FindVmChoice>[] = [];
    const searched = this.searched();
    if (this.tooLong) {
      entries.push({ kind: 'item', icon: 'warning', label: `Type at most ${MAX_VM_SEARCH_LENGTH} characters: VM names are not longer.` });
    } else if (this.text !== '') {
      for (const { site } of searched) entries.push(...this.siteRows(site));
    }
    const skipped = [
      ...this.options.sites.filter((s) => s.skipped !== undefined).map((s) => ({ site: s.site, reason: s.skipped ?? '' })),
      ...searched.flatMap(({ site }) => {
        const outcome = this.outcomes.get(site.id);
        return outcome?.kind === 'failed' && outcome.tokenProblem ? [{ site, reason: outcome.message }] : [];
      }),
    ];
    if (skipped.length > 0) {
      entries.push({ kind: 'separator', label: 'Not searched' });
      for (const { site, reason } of skipped) {
        entries.push({
          kind: 'item',
          id: `setToken|${site.id}`,
          icon: 'key',
          label: site.name,
          description: `${clip(reason)} — choose to set an API token`,
          value: { kind: 'setToken', site },
        });
      }
    }
    return entries;
  }

  private siteRows(site: Site): SearchPickEntry<FindVmChoice>[] {
    const outcome = this.outcomes.get(site.id);
    if (outcome?.kind === 'failed' && outcome.tokenProblem) return [];
    const heading: SearchPickEntry<FindVmChoice> = { kind: 'separator', label: site.name };
    if (outcome === undefined) {
      return this._busy ? [heading, { kind: 'item', id: `searching|${site.id}`, icon: 'loading~spin', label: 'Searching…' }] : [];
    }
    if (outcome.kind === 'failed') {
      return [heading, { kind: 'item', id: `failed|${site.id}`, icon: 'error', label: clip(outcome.message), description: 'Show Log has the details' }];
    }
    const { records, total } = outcome.result;
    const rows: SearchPickEntry<FindVmChoice>[] = [heading];
    if (records.length === 0) {
      rows.push({ kind: 'item', id: `none|${site.id}`, icon: 'circle-slash', label: `No VM matches “${clip(this.text)}”` });
      return rows;
    }
    const orgNames = this.orgNames.get(site.id);
    for (const vm of records) {
      const orgName = site.isSystem ? (vm.org === undefined ? undefined : orgNames?.get(vm.org)) : site.org;
      const where = [site.name, orgName, vm.vdcName, vm.containerName].filter((p): p is string => p !== undefined && p !== '');
      rows.push({
        kind: 'item',
        id: `vm|${site.id}|${vm.href}`,
        icon: vmIcon(vm.status, vm.isBusy).id,
        label: clip(vm.name),
        description: [statusInWords(vm.status), vm.ipAddress].filter(Boolean).map((t) => clip(t ?? '')).join(' · '),
        detail: where.map(clip).join(' / '),
        value: orgName === undefined ? { kind: 'vm', site, vm } : { kind: 'vm', site, vm, orgName },
        buttons: [OPEN_RESPONSE_BUTTON],
      });
    }
    const more = total - records.length;
    if (more > 0) {
      rows.push({
        kind: 'item',
        id: `more|${site.id}`,
        icon: 'ellipsis',
        label: `${plural(more, 'more VM')} on ${clip(site.name)}`,
        description: `${records.length} of ${total.toLocaleString('en')} shown: type more of the name or address to narrow the search`,
      });
    }
    return rows;
  }
}
