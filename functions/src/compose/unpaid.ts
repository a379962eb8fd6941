// The edge's composition of domain/unpaid.ts (from the installed stores for now).
import { getWeChatPay } from '../adapters/wechat';
import { stores } from '../domain/stores';
import type { UnpaidDeps } from '../domain/unpaid-ports';
import { unpaidIndex } from '../repo/unpaid';

export function unpaidDeps(): UnpaidDeps {
  return { unpaid: unpaidIndex, orders: stores().orders, products: stores().products, pay: getWeChatPay() };
}
