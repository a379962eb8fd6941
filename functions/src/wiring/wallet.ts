// Composition root of the wallet area's own store: withdrawals.
import type { Stores } from '../domain/deps';
import { withdrawalStore } from '../repo/withdrawals';

export const wallet: Pick<Stores, 'withdrawals'> = { withdrawals: withdrawalStore };
