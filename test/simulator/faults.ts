// Fault injection: decides, per request, whether an injected fault applies.
import type { Fault } from './types';
import { createPrng, Prng } from './prng';

/** The requests a `failTask` fault matches unless it names a path: power actions on vApps and VMs. */
const POWER_ACTION = /^\/api\/vApp\/(vapp|vm)-[^/]+\/(power\/action|action)\/[A-Za-z]+$/;

interface Entry {
  fault: Fault;
  matched: number;
  applied: number;
}

export class FaultSet {
  private entries: Entry[] = [];
  private readonly rnd: Prng;

  constructor(seed: number) {
    this.rnd = createPrng(seed ^ 0x5eed);
  }

  add(fault: Fault): () => void {
    const entry: Entry = { fault, matched: 0, applied: 0 };
    this.entries.push(entry);
    return () => {
      this.entries = this.entries.filter((e) => e !== entry);
    };
  }

  clear(): void {
    this.entries = [];
  }

  /** The fault to apply to this request (`pathAndQuery` is matched by `fault.path`), if any; counts it. */
  pick(pathAndQuery: string, method = 'GET'): Fault | undefined {
    for (const e of this.entries) {
      const f = e.fault;
      if (f.path && !f.path.test(pathAndQuery)) continue;
      if (f.kind === 'failTask' && !(method === 'POST' && (f.path !== undefined || POWER_ACTION.test(pathAndQuery)))) continue;
      e.matched++;
      let apply: boolean;
      if (f.kind === 'status' || f.kind === 'reset' || f.kind === 'echoCredential' || f.kind === 'rateLimit' || f.kind === 'failTask') {
        const nth = f.nth ?? 1;
        apply = e.matched >= nth && e.applied < (f.times ?? 1);
      } else if (f.kind === 'errorRate') {
        apply = this.rnd.next() < f.rate;
      } else {
        apply = f.times === undefined || e.applied < f.times;
      }
      if (apply) {
        e.applied++;
        return f;
      }
    }
    return undefined;
  }
}
