// The table's key layout is spelled in one module, repo/keys.ts (docs/data-model.md): production
// code elsewhere, and the tests, build every key, index key, partition and prefix through its
// builders. This reads the sources and names each line that spells one by hand, so it stays that way.
import fs from 'fs';
import os from 'os';
import path from 'path';
import {
  gsi,
  indexKeys,
  INDEX_SHARDS,
  keys,
  partitions,
  queueShard,
  QUEUE_SHARDS,
  RANK_SHARDS,
  rankShard,
  skPrefixes,
} from '../../src/repo/keys';

const ROOT = path.join(__dirname, '../../..');
const SRC = path.join(ROOT, 'functions/src');
const KEYS = path.join(SRC, 'repo/keys.ts');
const TESTS = ['functions/test', 'test/integration', 'test/chaos', 'test/bench', 'test/e2e'].map((d) =>
  path.join(ROOT, d),
);
/**
 * Not checked: this file (it shows what the guard catches, and the layout itself), and the
 * storage bench's raw write patterns, which use partitions of their own outside the layout.
 */
const UNCHECKED = [__filename, path.join(ROOT, 'test/bench/run.ts')];

/** What a hand-spelled key looks like on one line of code. */
const SPELLED: Array<[string, RegExp]> = [
  ['a key prefix literal', /['"`][A-Z][A-Z0-9_]*#/],
  ['a PK or SK spelled as a literal', /\b(PK|SK)\s*:\s*['"`]/],
  ['an index attribute set by hand', /\bGSI[12](PK|SK)\s*[:=][^=]/],
  ['a key compared with a literal', /\b(PK|SK)\s*[!=]==?\s*['"`]/],
];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return p.endsWith('.ts') && p !== KEYS && !UNCHECKED.includes(p) ? [p] : [];
  });
}

/** The code of a line: comments say where keys live and may name them. */
function code(line: string): string {
  const t = line.trim();
  if (t.startsWith('//') || t.startsWith('*') || t.startsWith('/*')) return '';
  return line.replace(/\s\/\/\s.*$/, '');
}

function spelledKeys(files: string[]): string[] {
  return files.flatMap((f) =>
    fs
      .readFileSync(f, 'utf8')
      .split('\n')
      .flatMap((line, n) =>
        SPELLED.filter(([, re]) => re.test(code(line))).map(
          ([what]) => `${path.relative(ROOT, f)}:${n + 1} ${what}: ${line.trim()}`,
        ),
      ),
  );
}

describe('keys are built in repo/keys.ts only', () => {
  it('no production file outside repo/keys.ts spells a key', () => {
    const files = sources(SRC);
    expect(files.length).toBeGreaterThan(20);
    expect(spelledKeys(files)).toEqual([]);
  });

  it('no test spells a key either: tests reach items through the same builders', () => {
    const files = TESTS.filter((d) => fs.existsSync(d)).flatMap(sources);
    expect(files.length).toBeGreaterThan(20);
    expect(spelledKeys(files)).toEqual([]);
  });

  it('the guard sees each way of spelling a key by hand', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keys-guard-'));
    const bad = path.join(dir, 'bad.ts');
    const lines = [
      "query({ pk: `USER#${id}`, skPrefix: 'LEDGER#' });",
      "const k = { PK: 'POOL', SK: 'STATE' };",
      'const it = { GSI1PK: gsi.products };',
      "if (i.PK === 'POOL') n++;",
      "// a comment may name USER#<id> and { PK: 'POOL' }",
      'const ok = keys.pool();',
    ];
    fs.writeFileSync(bad, lines.join('\n'));
    try {
      expect(spelledKeys([bad]).map((l) => l.split(' ')[0]!.split(':')[1])).toEqual(['1', '2', '3', '4']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the builders spell the layout docs/data-model.md gives', () => {
    expect(keys.pool()).toEqual({ PK: 'POOL', SK: 'STATE' });
    expect(keys.wallet('u1')).toEqual({ PK: 'USER#u1', SK: 'WALLET' });
    expect(keys.ledger('u1', '2026-01-01T00:00:00Z', 'e1', 2)).toEqual({
      PK: 'USER#u1',
      SK: 'LEDGER#2026-01-01T00:00:00Z#e1#002',
    });
    expect(keys.addressBook('u1')).toEqual({ PK: 'USER#u1', SK: 'ADDRESSES' });
    expect(keys.queue('at', 'e1')).toEqual({ PK: partitions.queue(queueShard('e1')), SK: 'at#e1' });
    expect(queueShard('e1')).toBeGreaterThanOrEqual(0);
    expect(queueShard('e1')).toBeLessThan(QUEUE_SHARDS);
    expect(keys.rate('ip', '1.2.3.4', 7)).toEqual({ PK: 'RATE#ip#1.2.3.4', SK: 'W#7' });
    expect(keys.settlementExit('2026-01-01', 'u1').SK.startsWith(skPrefixes.settlementExit)).toBe(true);
    expect(keys.ledger('u1', 'a', 'e', 0).SK.startsWith(skPrefixes.ledger)).toBe(true);
    expect(partitions.divFund('2026-01-01')).toContain(keys.divFund('2026-01-01', 'e1').PK);
    expect(indexKeys.order({ userId: 'u1', status: 'paid', createdAt: 'c', orderId: 'o1' })).toEqual({
      GSI1PK: gsi.userOrders('u1'),
      GSI1SK: 'c#o1',
      GSI2PK: gsi.orderStatus('paid', 'o1'),
      GSI2SK: 'c#o1',
    });
    expect(gsi.ordersByStatus('paid')).toContain(gsi.orderStatus('paid', 'o1'));
  });

  it('every index key each pool event writes is write-sharded, and its readers read every shard', () => {
    const ids = Array.from({ length: 400 }, (_, i) => `o${i.toString(36)}x${(i * 7919).toString(36)}`);
    const spread = (f: (id: string) => string) => new Set(ids.map(f)).size;
    // The writers spread over every shard; the readers' lists name each shard once, plus the
    // unsharded key of before.
    const families: Array<[(id: string) => string, string[]]> = [
      [(id) => gsi.orderStatus('completing', id), gsi.ordersByStatus('completing')],
      [(id) => keys.shipped('2026-01-01T00:00:00Z', id).PK, partitions.shipped],
      [(id) => keys.due('2026-01-01T00:00:00Z', id).PK, partitions.due],
      [(id) => keys.divFund('2026-01-01', id).PK, partitions.divFund('2026-01-01')],
      [(id) => String(indexKeys.divFund('2026-01-01', id).GSI1PK), gsi.divFund],
    ];
    for (const [writeKey, readKeys] of families) {
      expect(spread(writeKey)).toBe(INDEX_SHARDS);
      expect(readKeys).toHaveLength(INDEX_SHARDS + 1);
      for (const id of ids) expect(readKeys).toContain(writeKey(id));
    }
    expect(spread((id) => partitions.queue(queueShard(id)))).toBe(QUEUE_SHARDS);
    expect(spread((id) => gsi.rank(rankShard(id)))).toBe(RANK_SHARDS);
  });
});
