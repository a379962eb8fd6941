// Every DynamoDB store and the local ports in one Deps, for tests and the bench that call the
// domain in-process against DynamoDB Local (a Lambda composes only its own: functions/src/wiring/).
import type { Deps } from '../functions/src/domain/deps';
import { core } from '../functions/src/wiring/core';
import { pool } from '../functions/src/wiring/pool';
import { orders } from '../functions/src/wiring/orders';
import { shop } from '../functions/src/wiring/shop';
import { wallet } from '../functions/src/wiring/wallet';
import { programme } from '../functions/src/wiring/programme';
import { operator } from '../functions/src/wiring/operator';
import { session, wechat, wechatTransfer } from '../functions/src/wiring/ports';

export const deps: Deps = {
  ...core,
  ...pool,
  ...orders,
  ...shop,
  ...wallet,
  ...programme,
  ...operator,
  ...wechat,
  ...wechatTransfer,
  ...session,
};
