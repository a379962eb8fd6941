// Two staff decisions on one withdrawal at once (found by the randomized test, test/chaos):
// an approval asks WeChat to transfer the money before it records the decision, so a rejection
// landing in between gave the cash back to the wallet while the transfer went out: paid twice.
// An approval now claims the withdrawal first (requested -> paying, with a lease), then transfers.
import { call, completedOrder, login, sellHalf, staff, uniq } from './helpers';
import { setLocalWeChatTransfer } from '../../functions/src/adapters/wechat';
import { sandboxTransfer } from '../../functions/src/adapters/wechat/sandbox';
import { withdrawalTuning } from '../../functions/src/domain/wallet/wallet';

const leaseMs = withdrawalTuning.leaseMs;
afterEach(() => {
  setLocalWeChatTransfer(undefined);
  withdrawalTuning.leaseMs = leaseMs;
});

async function requested(amount = '5.00') {
  const u = await login(uniq('wdrace'));
  await completedOrder(u.token, 'rice-10kg', 2);
  await sellHalf(u.token);
  const wr = await call('POST', '/withdrawals', { token: u.token, body: { amount } });
  expect(wr.status).toBe(201);
  return { u, withdrawalId: wr.body.withdrawalId as string };
}

/** A transfer that lets `during` run while WeChat is being asked. */
function slowTransfer(during: () => Promise<unknown>) {
  const sent: string[] = [];
  let inFlight: Promise<unknown> | undefined;
  setLocalWeChatTransfer({
    async transfer(o) {
      if (!inFlight) {
        inFlight = during();
        await inFlight;
      }
      sent.push(o.withdrawalId);
      // The sandbox's bill, reported paid at once (the shopper's confirmation: transfers.test.ts).
      const r = await sandboxTransfer().transfer(o);
      return { ...r, bill: { withdrawalId: o.withdrawalId, state: 'SUCCESS' as const } };
    },
  });
  return sent;
}

it('approve and reject at once: a transferred withdrawal is approved, never rejected with its cash back', async () => {
  const { u, withdrawalId } = await requested();
  let rejected: any;
  const sent = slowTransfer(async () => {
    rejected = await staff('approve-withdrawal', { withdrawalId, approve: false });
  });
  const approved = await staff('approve-withdrawal', { withdrawalId, approve: true });
  const w = (await call('GET', '/wallet', { token: u.token })).body;
  expect(sent).toEqual([withdrawalId]); // the money went out once
  expect({ approved: approved.ok, rejected: rejected.ok, rejectedCode: rejected.error?.code }).toEqual({
    approved: true,
    rejected: false,
    rejectedCode: 'approval_in_progress',
  });
  expect({ withdrawn: w.withdrawn, cashPending: w.cashPending }).toEqual({ withdrawn: '5.00', cashPending: '0.00' });
});

it('two approvals at once: one approval recorded, the other refused as decided; one transfer id', async () => {
  const { u, withdrawalId } = await requested();
  let second: any;
  const sent = slowTransfer(async () => {
    second = await staff('approve-withdrawal', { withdrawalId, approve: true });
  });
  const first = await staff('approve-withdrawal', { withdrawalId, approve: true });
  // The second finds the claim held: only the claimant pays and records.
  const answers = [first, second].map((a) => (a.ok ? a.result.status : a.error.code)).sort();
  expect(answers).toEqual(['approval_in_progress', 'approved']);
  expect(new Set(sent)).toEqual(new Set([withdrawalId]));
  const w = (await call('GET', '/wallet', { token: u.token })).body;
  expect({ withdrawn: w.withdrawn, cashPending: w.cashPending }).toEqual({ withdrawn: '5.00', cashPending: '0.00' });
});

it('an approval that died after claiming is finished by approving again after its lease (same transfer id), and cannot be rejected', async () => {
  const { u, withdrawalId } = await requested();
  setLocalWeChatTransfer({
    async transfer() {
      throw new Error('the process died while asking WeChat');
    },
  });
  const died = await staff('approve-withdrawal', { withdrawalId, approve: true });
  expect(died.ok).toBe(false);
  setLocalWeChatTransfer(undefined);
  const reject = await staff('approve-withdrawal', { withdrawalId, approve: false });
  expect(reject.ok).toBe(false);
  expect(reject.error.code).toBe('approval_in_progress');
  const early = await staff('approve-withdrawal', { withdrawalId, approve: true });
  expect(early.error?.code).toBe('approval_in_progress'); // within the claimant's lease
  withdrawalTuning.leaseMs = 0; // the lease ran out
  const lateReject = await staff('approve-withdrawal', { withdrawalId, approve: false });
  expect(lateReject.error?.code).toBe('invalid_status'); // money may have moved: never rejected now
  const again = await staff('approve-withdrawal', { withdrawalId, approve: true });
  expect(again.ok).toBe(true);
  expect(again.result.status).toBe('awaiting_confirmation'); // the sandbox's bill waits for the shopper
  expect((await staff('sandbox-transfer', { withdrawalId, outcome: 'confirm' })).result.status).toBe('approved');
  const w = (await call('GET', '/wallet', { token: u.token })).body;
  expect({ withdrawn: w.withdrawn, cashPending: w.cashPending }).toEqual({ withdrawn: '5.00', cashPending: '0.00' });
});
