// Composition root, the kernel every area shares: the transaction, the parameters, users,
// wallets and their ledger, event records, the pool's state and Idempotency-Keys (DynamoDB).
import type { Stores } from '../domain/deps';
import { committer, asWrite } from '../repo/writes';
import { ledgerEntryOps } from '../repo/ledger';
import { ledgerPage } from '../repo/history';
import { createUser } from '../repo/users';
import { idempotencyStore } from '../repo/shopper';
import {
  getEvent,
  getParams,
  getParamsVersion,
  getPool,
  getUser,
  getUserIdByOpenId,
  getWallet,
  getWallets,
  walletPut,
} from '../repo/repository';

export const core: Pick<
  Stores,
  'tx' | 'config' | 'users' | 'wallets' | 'ledger' | 'events' | 'poolState' | 'idempotency'
> = {
  tx: committer,
  config: { params: getParams, paramsAt: getParamsVersion },
  users: { get: getUser, idByOpenId: getUserIdByOpenId, create: createUser },
  wallets: {
    get: getWallet,
    getMany: getWallets,
    put: (userId, wallet, prior) => asWrite(walletPut(userId, wallet, prior)),
  },
  ledger: { entries: (...a) => ledgerEntryOps(...a).map(asWrite), page: ledgerPage },
  events: { get: getEvent },
  poolState: { state: getPool },
  idempotency: idempotencyStore,
};
