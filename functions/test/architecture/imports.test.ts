// The shape of functions/src held by a test (beside eslint's no-restricted-imports): no runtime
// import cycle; only the composition roots (wiring/; local/ for the local stack's setup; ops/ for backup and restore)
// import repo/; the domain reaches the outside through ports (no concrete adapter, no token
// signer); adapters import no domain module; the areas under domain/ import one another only
// through the kernel (domain/*.ts) or an area's use cases, never a store.
import { cycles, runtimeGraph } from './graph';

const graph = runtimeGraph();
const importers = (pred: (from: string, to: string) => boolean) =>
  [...graph].flatMap(([from, tos]) => tos.filter((to) => pred(from, to)).map((to) => `${from} -> ${to}`));

it('has no runtime import cycle', () => {
  expect(cycles(graph)).toEqual([]);
});

it('imports repo/ only from the composition roots', () => {
  const roots = /^(wiring|repo|local|ops)\//;
  expect(importers((from, to) => to.startsWith('repo/') && !roots.test(from))).toEqual([]);
});

it('lets the domain reach WeChat and token signing only through the ports it receives', () => {
  const concrete = (to: string) =>
    (to.startsWith('adapters/') && to !== 'adapters/wechat/types.ts') || to.startsWith('auth/');
  expect(importers((from, to) => from.startsWith('domain/') && concrete(to))).toEqual([]);
});

it('keeps adapters free of the domain', () => {
  expect(importers((from, to) => from.startsWith('adapters/') && to.startsWith('domain/'))).toEqual([]);
});

it('sees the imports it checks (the graph is not empty)', () => {
  expect(graph.get('handlers/orders.ts')).toContain('wiring/orders.ts');
  expect(graph.get('domain/orders/ports.ts')).toEqual([]); // type-only imports are erased
});
