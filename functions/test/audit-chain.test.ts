// The audit log's hash chain (domain/audit-chain.ts): what reconcile says about a changed, a
// missing and a last-deleted entry.
import { chainProblems, entryHash, GENESIS, type ChainedFields } from '../src/domain/operator/audit-chain';
import { keys } from '../src/repo/keys';

function chain(n: number, name = '2026-12-07#1') {
  const out: ChainedFields[] = [];
  let prev = GENESIS;
  for (let seq = 1; seq <= n; seq++) {
    const e: ChainedFields = {
      ...keys.audit('t', String(seq)),
      chain: name,
      seq,
      prevHash: prev,
      actor: 'a',
      fn: 'grant',
    };
    e.hash = entryHash(e);
    prev = String(e.hash);
    out.push(e);
  }
  return { entries: out, heads: [{ chain: name, seq: n, hash: prev }] };
}

it('a whole chain has no problems', () => {
  const c = chain(4);
  expect(chainProblems(c.entries, c.heads)).toEqual([]);
});

it('a changed entry is named as tampered', () => {
  const c = chain(4);
  c.entries[1]!.actor = 'someone-else';
  expect(chainProblems(c.entries, c.heads)).toEqual([
    'audit chain 2026-12-07#1 entry 2 (t#2): hash does not match its content (tampered)',
  ]);
});

it('a missing entry breaks the seq and the link of the next one', () => {
  const c = chain(4);
  c.entries.splice(1, 1);
  const p = chainProblems(c.entries, c.heads);
  expect(p).toContain('audit chain 2026-12-07#1 entry 3 (t#3): expected seq 2 (an entry is missing)');
  expect(p).toContain('audit chain 2026-12-07#1 entry 3 (t#3): prevHash does not link to the entry before');
});

it('a deleted last entry leaves the head naming it', () => {
  const c = chain(3);
  c.entries.pop();
  expect(chainProblems(c.entries, c.heads)).toEqual([
    'audit chain 2026-12-07#1: the head does not name its last entry (seq 2)',
  ]);
});
