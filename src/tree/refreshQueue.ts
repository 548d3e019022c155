// When the Sites view may tell VS Code that a node changed. Pure: no vscode import.
//
// VS Code 1.100 (vs/workbench/api/common/extHostTreeViews.ts) keeps every registered tree item id. Fetching a
// node's children drops the registrations of its current children, waits for getChildren, then registers each
// child id and throws "Element with id … is already registered" for an id it has already. Applying a refresh
// of a node drops that node's children too, and replaces the node's own record. So a listing of the node, or
// of any node below it, that is still in flight when VS Code applies the refresh registers its children under
// a record VS Code no longer knows: nothing drops them again, and every later listing of the node collides
// with them (the site stays empty, with an error notification, until the whole view is reloaded).
// VS Code waits for the listings of one refresh before it applies the next; it does not wait for listings that
// an expansion or a reveal started, nor does the extension's own code (token state changes, commands).
//
// So this queue:
// - tracks every getChildren in flight with the node objects above it (VS Code tells elements apart by object,
//   so the queue does too: nodes with the same id listed by someone else do not interfere);
// - coalesces the refreshes asked for in one turn; a node whose ancestor is refreshed too, or is being listed
//   (its object is about to be replaced), is left out;
// - fires a node only when no listing at or below it is in flight. A reload aborts those listings (they resolve
//   to no children and register nothing); a redraw (the node's look changed, e.g. its token state) lets them
//   finish. Listings that start below a node whose reload waits are aborted at once;
// - when VS Code applies a fired refresh (it asks for the tree item of that very object), aborts the listings
//   below that node that started in the meantime, so none of them registers children under a replaced record;
// - fires on a later turn than the one in which a listing resolved, so VS Code has registered its children.
// A refresh of the whole tree is safe as it is: VS Code then ignores every listing that was in flight.

/** What the queue needs of a tree node: the parent it was listed under. */
export interface QueueNode {
  readonly parent: QueueNode | undefined;
}

/** reload: the children are stale, reload them (in-flight listings below are aborted). redraw: the node's own
 * look changed (VS Code reloads its children too, but in-flight listings may finish first). */
export type RefreshKind = 'reload' | 'redraw';

export interface RefreshQueueOptions<N extends QueueNode> {
  /** Tells VS Code that these nodes changed (undefined: the whole tree). */
  fire(nodes: readonly N[] | undefined): void;
  /** Runs `flush` on a later turn (default setImmediate). Tests pass a manual scheduler. */
  schedule?: (flush: () => void) => void;
}

interface Load {
  /** The listed node and its ancestors, the node first ([] for the top level). */
  readonly chain: readonly QueueNode[];
  readonly controller: AbortController;
}

interface Request<N> {
  readonly node: N;
  kind: RefreshKind;
  readonly done: (() => void)[];
}

function chainOf(node: QueueNode | undefined): QueueNode[] {
  const chain: QueueNode[] = [];
  for (let n = node; n; n = n.parent) chain.push(n);
  return chain;
}

export class RefreshQueue<N extends QueueNode> {
  private readonly loads = new Set<Load>();
  /** Asked for in this turn. */
  private batch = new Map<N, Request<N>>();
  /** The whole tree was asked for in this turn: who waits for it. */
  private wholeTree: (() => void)[] | undefined;
  /** Waiting for the listings at or below the node to settle. */
  private readonly deferred = new Map<N, Request<N>>();
  /** Fired, and VS Code has not asked for their tree item since. */
  private readonly unapplied = new Set<N>();
  private scheduled = false;
  private disposed = false;
  private readonly schedule: (flush: () => void) => void;

  constructor(private readonly options: RefreshQueueOptions<N>) {
    this.schedule = options.schedule ?? ((flush) => void setImmediate(flush));
  }

  /**
   * Runs one getChildren of `node` (undefined: the top level) with a signal that aborts when a refresh makes
   * the listing stale. Resolves to no children when it was aborted, so VS Code registers nothing from it.
   */
  async load<T>(node: N | undefined, run: (signal: AbortSignal) => Promise<T[]>): Promise<T[]> {
    const chain = chainOf(node);
    const load: Load = { chain, controller: new AbortController() };
    if (this.disposed || chain.some((n) => this.deferred.get(n as N)?.kind === 'reload')) load.controller.abort();
    this.loads.add(load);
    try {
      const children = await run(load.controller.signal);
      return load.controller.signal.aborted ? [] : children;
    } catch (err) {
      if (load.controller.signal.aborted) return [];
      throw err;
    } finally {
      this.loads.delete(load);
      if (this.deferred.size > 0) this.requestFlush();
    }
  }

  /**
   * Asks for `node`'s children (undefined: the whole tree) to be reloaded. Resolves once VS Code has been told,
   * or once the request turned out to be covered by another one.
   */
  request(node: N | undefined, kind: RefreshKind = 'reload'): Promise<void> {
    if (this.disposed) return Promise.resolve();
    return new Promise<void>((resolve) => {
      if (node === undefined) {
        (this.wholeTree ??= []).push(resolve);
      } else {
        const queued = this.batch.get(node);
        if (queued) {
          if (kind === 'reload') queued.kind = 'reload';
          queued.done.push(resolve);
        } else {
          this.batch.set(node, { node, kind, done: [resolve] });
        }
      }
      this.requestFlush();
    });
  }

  /** VS Code asked for the tree item of `node`. For a node that was fired, this is VS Code applying the
   * refresh: listings below it that are still in flight would register under a replaced record. */
  treeItemRequested(node: N): void {
    if (!this.unapplied.delete(node)) return;
    this.abortAtOrBelow(node);
  }

  /** Listings in flight. */
  get loading(): number {
    return this.loads.size;
  }

  dispose(): void {
    this.disposed = true;
    for (const load of this.loads) load.controller.abort();
    const waiting = [...this.batch.values(), ...this.deferred.values()].flatMap((r) => r.done);
    waiting.push(...(this.wholeTree ?? []));
    this.batch.clear();
    this.deferred.clear();
    this.unapplied.clear();
    this.wholeTree = undefined;
    for (const done of waiting) done();
  }

  private requestFlush(): void {
    if (this.scheduled || this.disposed) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    if (this.disposed) return;
    const batch = [...this.batch.values()];
    this.batch = new Map();
    const wholeTree = this.wholeTree;
    this.wholeTree = undefined;

    if (wholeTree) {
      const covered = [...batch, ...this.deferred.values()].flatMap((r) => r.done);
      this.deferred.clear();
      this.unapplied.clear();
      this.options.fire(undefined);
      for (const done of [...wholeTree, ...covered]) done();
      return;
    }

    const inBatch = new Set<QueueNode>(batch.map((r) => r.node));
    for (const request of batch) {
      const ancestors = chainOf(request.node).slice(1);
      const coveredBy =
        ancestors.find((n) => inBatch.has(n) || this.deferred.has(n as N)) ??
        // An ancestor is being listed: this node's object is about to be replaced by a fresh one.
        ancestors.find((n) => [...this.loads].some((load) => load.chain[0] === n && !load.controller.signal.aborted));
      if (coveredBy !== undefined) {
        const waiting = this.deferred.get(coveredBy as N);
        if (waiting) waiting.done.push(...request.done);
        else for (const done of request.done) done();
        continue;
      }
      this.defer(request);
    }

    const ready: Request<N>[] = [];
    for (const [node, request] of this.deferred) {
      if (this.busyAtOrBelow(node)) continue;
      this.deferred.delete(node);
      ready.push(request);
    }
    if (ready.length === 0) return;
    for (const request of ready) this.unapplied.add(request.node);
    this.options.fire(ready.map((r) => r.node));
    for (const done of ready.flatMap((r) => r.done)) done();
  }

  /** Queues a node's refresh until nothing at or below it is being listed; takes over requests below it. */
  private defer(request: Request<N>): void {
    const node = request.node;
    for (const [other, waiting] of this.deferred) {
      if (other !== node && chainOf(other).includes(node)) {
        this.deferred.delete(other);
        request.done.push(...waiting.done);
        if (waiting.kind === 'reload') request.kind = 'reload';
      }
    }
    const existing = this.deferred.get(node);
    if (existing) {
      if (request.kind === 'reload') existing.kind = 'reload';
      existing.done.push(...request.done);
    } else {
      this.deferred.set(node, request);
    }
    if (this.deferred.get(node)!.kind === 'reload') this.abortAtOrBelow(node);
  }

  private busyAtOrBelow(node: QueueNode): boolean {
    for (const load of this.loads) if (load.chain.includes(node)) return true;
    return false;
  }

  private abortAtOrBelow(node: QueueNode): void {
    for (const load of this.loads) if (load.chain.includes(node)) load.controller.abort();
  }
}
