// The pool's signed heads, the local stage's signing key and the place of an event in the log, on
// DynamoDB (docs/data-model.md "The pool's signed head").
import { getItem, writeOne, type Item } from './ddb';
import { keys } from './keys';
import type { EventPlaces, SignedHead, SignedHeadStore } from '../domain/wallet/pool-head-ports';

const toHead = (i: Item): SignedHead => ({
  batch: Number(i.batch),
  hash: String(i.hash),
  at: String(i.at),
  signature: String(i.signature),
  keyId: String(i.keyId),
});

export const signedHeadStore: SignedHeadStore = {
  async get(batch) {
    const i = await getItem(keys.poolHeadSigned(batch), false);
    return i ? toHead(i) : undefined;
  },
  put(head, replacing) {
    const item: Item = { ...keys.poolHeadSigned(head.batch), type: 'pool_head', ...head };
    return writeOne(
      replacing === undefined ? { op: 'create', item } : { op: 'putIf', item, ifEquals: { at: replacing } },
    );
  },
};

export const eventPlaces: EventPlaces = {
  async place(eventId) {
    const i = await getItem(keys.event(eventId), false);
    if (!i) return undefined;
    return {
      userId: String(i.userId),
      ...(typeof i.batch === 'number' ? { batch: i.batch } : {}),
      ...(typeof i.decidedAt === 'string' ? { decidedAt: i.decidedAt } : {}),
    };
  },
};

/** The local stack's signing key (PKCS#8 PEM): the first one kept wins, every process reads it. */
export const localKeyStore = {
  async load(): Promise<string | undefined> {
    const i = await getItem(keys.localHeadKey());
    return typeof i?.privateKey === 'string' ? i.privateKey : undefined;
  },
  async keep(privateKey: string): Promise<string> {
    await writeOne({ op: 'create', item: { ...keys.localHeadKey(), type: 'local_key', privateKey } });
    return (await this.load()) ?? privateKey;
  },
};
