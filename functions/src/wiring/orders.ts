// Composition root of the orders area: orders, the products they take stock from, after-sale.
import type { Stores } from '../domain/stores';
import { afterSaleStore, orderStore, productStore } from '../repo/orders';

export const orders: Pick<Stores, 'orders' | 'products' | 'afterSales'> = {
  orders: orderStore,
  products: productStore,
  afterSales: afterSaleStore,
};
