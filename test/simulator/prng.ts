// Deterministic pseudo-random numbers for the inventory generator and fault rates (mulberry32).

export interface Prng {
  /** Float in [0, 1). */
  next(): number;
  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  /** A version-4 style UUID made from the stream (stable for a seed). */
  uuid(): string;
}

export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  const nextU32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const hex = (n: number): string => n.toString(16).padStart(8, '0');
  return {
    next: () => nextU32() / 4294967296,
    int(min, max) {
      return min + Math.floor((nextU32() / 4294967296) * (max - min + 1));
    },
    pick(items) {
      return items[Math.floor((nextU32() / 4294967296) * items.length)];
    },
    chance(probability) {
      return nextU32() / 4294967296 < probability;
    },
    uuid() {
      const a = hex(nextU32());
      const b = hex(nextU32());
      const c = hex(nextU32());
      const d = hex(nextU32());
      const variant = ((parseInt(c[0], 16) & 0x3) | 0x8).toString(16);
      return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
    },
  };
}
