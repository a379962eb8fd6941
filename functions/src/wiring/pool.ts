// Composition root of the pool as a log: its queue, batches and their projection (DynamoDB).
import type { Stores } from '../domain/deps';
import { poolLogStore, projectionStore } from '../repo/poollog';

export const pool: Pick<Stores, 'pool' | 'projection'> = { pool: poolLogStore, projection: projectionStore };
