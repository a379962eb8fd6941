// Composition root of cancel-unpaid (domain/orders/unpaid.ts): the unpaid index, the orders and
// their stock, and WeChat's close-order.
import { getWeChatPay } from '../adapters/wechat';
import type { UnpaidDeps } from '../domain/orders/unpaid-ports';
import { unpaidIndex } from '../repo/unpaid';
import { committer } from '../repo/writes';
import { orderStore, productStore } from '../repo/orders';

export function unpaidDeps(): UnpaidDeps {
  return { tx: committer, unpaid: unpaidIndex, orders: orderStore, products: productStore, pay: getWeChatPay() };
}
