// What domain/wallet/transfers.ts needs beside the withdrawal store: the lists the schedule and the
// shopper read. The edge passes them in (repo/transfers.ts on DynamoDB).
import type { WeChatTransfer } from '../../adapters/wechat/types';
import type { StepDeps } from './transfers';
import type { Paged } from '../ports';
import type { Withdrawal } from './ports';

export interface WithdrawalLists {
  /** Withdrawals in one status, oldest first (an index: eventually consistent; re-read before acting). */
  inStatus(status: 'awaiting_confirmation' | 'paying', limit: number, cursor?: string): Promise<Paged<Withdrawal>>;
  /** One user's withdrawals, newest first. */
  byUser(userId: string, limit: number, cursor?: string): Promise<Paged<Withdrawal>>;
}

export interface TransferDeps extends StepDeps {
  lists: WithdrawalLists;
  wechat: Pick<WeChatTransfer, 'query' | 'cancel'>;
}
