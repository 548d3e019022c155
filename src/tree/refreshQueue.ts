// When the Sites view may tell VS Code that a node changed. Pure: no vscode import.
//
// What VS Code 1.100 does (vs/workbench/api/common/extHostTreeViews.ts, treeView.ts, asyncDataTree.ts):
// - The extension host keeps every registered tree item id. Listing a node's children drops the registrations
//   of its current children, waits for getChildren, then registers each child id, and throws "Element with
//   id … is already registered" for an id it has already.
// - Applying a refresh of a node drops that node's children too and replaces the node's own record. A listing
//   of the node, or of any node below it, that is still in flight then registers its children under a record
//   nothing clears again, and every later listing of the node collides with them: the site stays empty, with an
//   error notification, until the whole view is reloaded (issue 7).
// - VS Code waits for the listings of one refresh before it applies the next, but not for listings an
//   expansion or a reveal started, nor for refreshes that the extension asks for while they run.
// - The workbench caches the children it received on each item, and a refresh of a node forgets that cache
//   when it arrives. If the answer to a listing of that same node arrives in the same batch of messages, the
//   cache is filled again afterwards and the refresh lists nothing: the node keeps rows the extension host
//   no longer knows. A refresh of the whole tree is immune (it gets new items) and cancels every listing in
//   flight, so it is safe at any time.
//
// So this queue, for the refresh of one node:
// - coalesces the refreshes asked for in one turn, and fires on a later turn than the one in which a listing
//   resolved (VS Code registers its children in between);
// - leaves out a node whose ancestor is refreshed too, or which (or whose ancestor) is being listed: that
//   listing started after whatever made the refresh necessary, and its answer replaces the node's children;
// - holds the refresh back while listings below the node are in flight, and aborts them: they resolve to no
//   children, so VS Code registers nothing from them. Listings that start below a waiting node end at once;
// - when VS Code applies a fired refresh (it asks for the tree item of that very object), aborts the listings
//   below the node that started in the meantime, for the same reason.
// It tells nodes apart by object, as VS Code does: listings of other objects with the same id do not interfere.

/** What the queue needs of a tree node: the parent it was listed under. */
export interface QueueNode {
  readonly parent: QueueNode | undefined;
}

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
  /** Waiting for the listings below the node to end. */
  private readonly waiting = new Map<N, Request<N>>();
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
    if (this.disposed || chain.slice(1).some((n) => this.waiting.has(n as N))) load.controller.abort();
    this.loads.add(load);
    try {
      const children = await run(load.controller.signal);
      return load.controller.signal.aborted ? [] : children;
    } catch (err) {
      if (load.controller.signal.aborted) return [];
      throw err;
    } finally {
      this.loads.delete(load);
      if (this.waiting.size > 0) this.requestFlush();
    }
  }

  /**
   * Asks for `node`'s children (undefined: the whole tree) to be listed again. Resolves once VS Code has been
   * told, or once the request turned out to be covered by another refresh or a listing.
   */
  request(node: N | undefined): Promise<void> {
    if (this.disposed) return Promise.resolve();
    return new Promise<void>((resolve) => {
      if (node === undefined) (this.wholeTree ??= []).push(resolve);
      else {
        const queued = this.batch.get(node);
        if (queued) queued.done.push(resolve);
        else this.batch.set(node, { node, done: [resolve] });
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
    const pending = [...this.batch.values(), ...this.waiting.values()].flatMap((r) => r.done);
    pending.push(...(this.wholeTree ?? []));
    this.batch.clear();
    this.waiting.clear();
    this.unapplied.clear();
    this.wholeTree = undefined;
    for (const done of pending) done();
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
      const covered = [...batch, ...this.waiting.values()].flatMap((r) => r.done);
      this.waiting.clear();
      this.unapplied.clear();
      this.options.fire(undefined);
      for (const done of [...wholeTree, ...covered]) done();
      return;
    }

    const asked = new Set<QueueNode>(batch.map((r) => r.node));
    for (const request of batch) {
      const chain = chainOf(request.node);
      const ancestors = chain.slice(1);
      const waitingAbove = ancestors.find((n) => this.waiting.has(n as N));
      if (waitingAbove) {
        this.waiting.get(waitingAbove as N)!.done.push(...request.done);
        continue;
      }
      const covered = ancestors.some((n) => asked.has(n)) || chain.some((n) => this.isBeingListed(n));
      if (covered) {
        for (const done of request.done) done();
        continue;
      }
      this.wait(request);
    }

    const ready: Request<N>[] = [];
    for (const [node, request] of this.waiting) {
      if (this.isBeingListed(node)) {
        // Listed again meanwhile (e.g. collapsed and opened): that listing is the refresh.
        this.waiting.delete(node);
        for (const done of request.done) done();
      } else if (!this.hasLoadsAtOrBelow(node)) {
        this.waiting.delete(node);
        ready.push(request);
      }
    }
    if (ready.length === 0) return;
    for (const request of ready) this.unapplied.add(request.node);
    this.options.fire(ready.map((r) => r.node));
    for (const done of ready.flatMap((r) => r.done)) done();
  }

  /** Holds a node's refresh back until the listings below it ended (aborting them); takes over the waiting
   * refreshes below it. */
  private wait(request: Request<N>): void {
    const node = request.node;
    for (const [other, below] of this.waiting) {
      if (other !== node && chainOf(other).includes(node)) {
        this.waiting.delete(other);
        request.done.push(...below.done);
      }
    }
    const existing = this.waiting.get(node);
    if (existing) existing.done.push(...request.done);
    else this.waiting.set(node, request);
    this.abortAtOrBelow(node);
  }

  /** A listing of the node itself is in flight and was not aborted. */
  private isBeingListed(node: QueueNode): boolean {
    for (const load of this.loads) if (load.chain[0] === node && !load.controller.signal.aborted) return true;
    return false;
  }

  private hasLoadsAtOrBelow(node: QueueNode): boolean {
    for (const load of this.loads) if (load.chain.includes(node)) return true;
    return false;
  }

  private abortAtOrBelow(node: QueueNode): void {
    for (const load of this.loads) if (load.chain.includes(node)) load.controller.abort();
  }
}
