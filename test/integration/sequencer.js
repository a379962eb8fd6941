// The seed scenario needs an empty pool: run it before anything else touches the pool.
const Sequencer = require('@jest/test-sequencer').default;

class SeedFirst extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const first = sorted.filter((t) => /seed-scenario\.test\.ts$/.test(t.path));
    return [...first, ...sorted.filter((t) => !first.includes(t))];
  }
}
module.exports = SeedFirst;
