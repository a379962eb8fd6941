// What domain/transfers.ts needs beside the withdrawal store: the lists the schedule and the
// shopper read. The edge passes them in (repo/transfers.ts on DynamoDB).
import type { WeChatTransfer } from '../adapters/wechat';
import type { Paged, Withdrawal, WithdrawalStore } from './stores';

export interface WithdrawalLists {
  /** Withdrawals in one status, oldest first (an index: eventually consistent; re-read before acting). */
  inStatus(status: 'awaiting_confirmation' | 'paying', limit: number, cursor?: string): Promise<Paged<Withdrawal>>;
  /** One user's withdrawals, newest first. */
  byUser(userId: string, limit: number, cursor?: string): Promise<Paged<Withdrawal>>;
}

export interface TransferDeps {
  withdrawals: WithdrawalStore;
  lists: WithdrawalLists;
  wechat: Pick<WeChatTransfer, 'query' | 'cancel'>;
}
