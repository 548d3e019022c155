import * as assert from 'node:assert/strict';
import { RefreshQueue, type QueueNode } from '../../../src/tree/refreshQueue';

interface Node extends QueueNode {
  readonly name: string;
  readonly parent: Node | undefined;
}

function node(name: string, parent?: Node): Node {
  return { name, parent };
}

/** A promise the test settles by hand. */
function control<T>(): { promise: Promise<T>; resolve(value: T): void; reject(err: unknown): void } {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** The queue with a hand-driven scheduler ("the next turn" runs when the test says so) and a record of fires. */
function setup() {
  const fired: (string[] | 'whole tree')[] = [];
  let turns: (() => void)[] = [];
  const queue = new RefreshQueue<Node>({
    fire: (nodes) => fired.push(nodes ? nodes.map((n) => n.name) : 'whole tree'),
    schedule: (flush) => turns.push(flush),
  });
  const nextTurn = (): void => {
    const now = turns;
    turns = [];
    for (const flush of now) flush();
  };
  /** Starts a listing of `parent` that ends when the test settles `result`; `signal` is what the listing got. */
  const listing = (parent: Node | undefined) => {
    const result = control<Node[]>();
    let signal!: AbortSignal;
    const children = queue.load(parent, (s) => {
      signal = s;
      return result.promise;
    });
    return { children, result, signal };
  };
  return { queue, fired, nextTurn, listing, pendingTurns: () => turns.length };
}

/** Records whether a promise has settled, without waiting for it. */
function watch(promise: Promise<unknown>): { readonly settled: boolean } {
  const state = { settled: false };
  void promise.then(() => (state.settled = true));
  return state;
}

/** What an aborted query throws (VcdError kind 'cancelled' in the core). */
const aborted = new Error('cancelled');

describe('Refreshing the Sites view: one node at a time', () => {
  const site = node('site');
  const org = node('org', site);
  const vdc = node('vdc', org);
  const vapp = node('vapp', vdc);

  it('tells VS Code on the next turn when nothing at or below the node is being listed', async () => {
    const { queue, fired, nextTurn } = setup();
    const done = queue.request(site);
    assert.deepEqual(fired, [], 'not in the turn of the request');
    nextTurn();
    assert.deepEqual(fired, [['site']]);
    await done;
  });

  it('coalesces the requests of one turn: each node once, nothing below a node that is refreshed too', async () => {
    const { queue, fired, nextTurn } = setup();
    const other = node('other site');
    const requests = [queue.request(vdc), queue.request(site), queue.request(site), queue.request(vapp), queue.request(other)];
    nextTurn();
    assert.deepEqual(fired, [['site', 'other site']]);
    await Promise.all(requests);
  });

  it('a refresh of the whole tree covers every node asked for in the same turn', async () => {
    const { queue, fired, nextTurn } = setup();
    const requests = [queue.request(org), queue.request(undefined), queue.request(undefined)];
    nextTurn();
    assert.deepEqual(fired, ['whole tree']);
    await Promise.all(requests);
  });

  it('holds a refresh back until the listings below the node have ended, and aborts them (a VDC opened just before Refresh)', async () => {
    const { queue, fired, nextTurn, listing } = setup();
    const vdcListing = listing(vdc);
    const vappListing = listing(vapp);
    const request = queue.request(site);
    const done = watch(request);
    nextTurn();
    assert.equal(vdcListing.signal.aborted, true, 'the stale listings are aborted');
    assert.equal(vappListing.signal.aborted, true);
    assert.deepEqual(fired, [], 'VS Code is not told while they run');
    vdcListing.result.reject(aborted);
    assert.deepEqual(await vdcListing.children, [], 'an aborted listing registers no children');
    nextTurn();
    assert.deepEqual(fired, [], 'one listing below the site still runs');
    vappListing.result.resolve([node('vm', vapp)]);
    assert.deepEqual(await vappListing.children, [], 'not even when its answer came after all');
    assert.deepEqual(fired, [], 'not in the turn in which the last listing ended: VS Code registers its answer then');
    assert.equal(done.settled, false);
    nextTurn();
    assert.deepEqual(fired, [['site']], 'then once');
    assert.equal(queue.loading, 0);
    await request;
  });

  it('aborts at once a listing that starts below a node whose refresh waits', async () => {
    const { queue, fired, nextTurn, listing } = setup();
    const orgListing = listing(org);
    void queue.request(site);
    nextTurn();
    const vdcListing = listing(vdc);
    assert.equal(vdcListing.signal.aborted, true);
    orgListing.result.reject(aborted);
    vdcListing.result.reject(aborted);
    assert.deepEqual(await Promise.all([orgListing.children, vdcListing.children]), [[], []]);
    nextTurn();
    assert.deepEqual(fired, [['site']], 'fired once');
  });

  it('takes over a waiting refresh below the node: one fire for both', async () => {
    const { queue, fired, nextTurn, listing } = setup();
    const vappListing = listing(vapp);
    const below = queue.request(vdc);
    nextTurn();
    assert.equal(vappListing.signal.aborted, true);
    const above = queue.request(site);
    const belowBelow = queue.request(vapp);
    nextTurn();
    vappListing.result.resolve([]);
    await vappListing.children;
    nextTurn();
    assert.deepEqual(fired, [['site']]);
    await Promise.all([below, above, belowBelow]);
  });

  it('leaves out a node that is being listed: the listing in flight answers the refresh', async () => {
    const { queue, fired, nextTurn, listing } = setup();
    const siteListing = listing(site);
    const done = queue.request(site);
    nextTurn();
    await done;
    assert.deepEqual(fired, [], 'covered: no fire, which would make VS Code drop the answer it is about to get');
    assert.equal(siteListing.signal.aborted, false);
    siteListing.result.resolve([org]);
    assert.deepEqual(await siteListing.children, [org], 'the listing shows its children');
    nextTurn();
    assert.deepEqual(fired, []);
  });

  it('leaves out a node whose ancestor is being listed: VS Code replaces its object with a listed one', async () => {
    const { queue, fired, nextTurn, listing } = setup();
    const siteListing = listing(site);
    const done = queue.request(org);
    nextTurn();
    await done;
    assert.deepEqual(fired, []);
    assert.equal(siteListing.signal.aborted, false);
    siteListing.result.resolve([org]);
    assert.deepEqual(await siteListing.children, [org]);
  });

  it('aborts the listings that started below a fired node when VS Code applies its refresh', async () => {
    const { queue, fired, nextTurn, listing } = setup();
    const done = queue.request(site);
    nextTurn();
    await done;
    assert.deepEqual(fired, [['site']]);
    // VS Code applies refreshes after a debounce: meanwhile the person opened the organization.
    const orgListing = listing(org);
    assert.equal(orgListing.signal.aborted, false);
    queue.treeItemRequested(org);
    assert.equal(orgListing.signal.aborted, false, 'the tree item of a node that was not fired means nothing');
    queue.treeItemRequested(node('site'));
    assert.equal(orgListing.signal.aborted, false, 'nor does the tree item of another object with the same name');
    queue.treeItemRequested(site);
    assert.equal(orgListing.signal.aborted, true, 'VS Code replaced the record the listing would register under');
    orgListing.result.resolve([vdc]);
    assert.deepEqual(await orgListing.children, [], 'so it registers nothing');
    // Once applied, asking for the tree item again is an ordinary redraw of the row.
    const next = listing(org);
    queue.treeItemRequested(site);
    assert.equal(next.signal.aborted, false);
  });

  it('tells nodes apart by object, as VS Code does: a listing of another object does not hold a refresh back', async () => {
    const { queue, fired, nextTurn, listing } = setup();
    const sameNameElsewhere = node('site');
    const other = listing(node('org', sameNameElsewhere));
    const done = queue.request(site);
    nextTurn();
    assert.deepEqual(fired, [['site']]);
    assert.equal(other.signal.aborted, false);
    await done;
    other.result.resolve([]);
    await other.children;
  });

  it('passes on the error of a listing that was not aborted', async () => {
    const { listing } = setup();
    const running = listing(site);
    running.result.reject(new Error('boom'));
    await assert.rejects(running.children, /boom/);
  });

  it('a refresh of the whole tree does not wait: VS Code ignores the listings in flight then', async () => {
    const { queue, fired, nextTurn, listing } = setup();
    const running = listing(vdc);
    const waiting = queue.request(site);
    nextTurn();
    assert.deepEqual(fired, []);
    void queue.request(undefined);
    nextTurn();
    assert.deepEqual(fired, ['whole tree']);
    await waiting;
    const later = listing(site);
    assert.equal(later.signal.aborted, false, 'nothing waits any more');
    running.result.resolve([vapp]);
    later.result.resolve([org]);
    await running.children;
    assert.deepEqual(await later.children, [org]);
    nextTurn();
    assert.deepEqual(fired, ['whole tree'], 'and does not fire later');
  });

  it('on dispose, aborts the listings and settles every request', async () => {
    const { queue, fired, nextTurn, listing } = setup();
    const running = listing(org);
    const waiting = queue.request(site);
    nextTurn();
    queue.dispose();
    await waiting;
    assert.equal(running.signal.aborted, true);
    running.result.resolve([]);
    assert.deepEqual(await running.children, []);
    nextTurn();
    assert.deepEqual(fired, []);
    await queue.request(site);
  });
});
