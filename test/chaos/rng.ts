// A seeded generator (mulberry32): the same SEED gives every actor the same stream of choices.

export class Rng {
  private a: number;
  constructor(seed: number) {
    this.a = seed >>> 0;
  }
  next(): number {
    this.a = (this.a + 0x6d2b79f5) >>> 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** 0 .. n-1 */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    if (xs.length === 0) throw new Error('pick from nothing');
    return xs[this.int(xs.length)]!;
  }
  /** An entry chosen by weight. */
  weighted<T extends { weight: number }>(xs: readonly T[]): T {
    const total = xs.reduce((s, x) => s + x.weight, 0);
    let u = this.next() * total;
    for (const x of xs) {
      if (u < x.weight) return x;
      u -= x.weight;
    }
    return xs[xs.length - 1]!;
  }
  /** A child stream for actor `i`: independent of how far the others have run. */
  fork(i: number): Rng {
    return new Rng(Math.imul(this.a ^ (i + 1), 0x9e3779b1) ^ (i * 0x85ebca6b));
  }
  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += this.int(16).toString(16);
    return s;
  }
}
