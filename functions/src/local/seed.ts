// Demo catalogue for the local stage. Seeding never overwrites: data survives restarts.
import { putItem } from '../repo/ddb';
import { productItem, type Product } from '../repo/repository';

export const DEMO_PRODUCTS: Product[] = [
  // The item of docs/rules.md's seed table: 100 yuan, 30 of it into the pool.
  {
    productId: 'rice-10kg',
    name: '五常大米 10kg',
    price: '100.00',
    poolContribution: '30.00',
    dividendContribution: '0.00',
    stock: 1000000,
    image: '',
    active: true,
    noReasonReturn: true,
  },
  {
    productId: 'longjing-250g',
    name: '明前龙井 250g',
    price: '168.00',
    poolContribution: '50.40',
    dividendContribution: '5.00',
    stock: 500,
    image: '',
    active: true,
    noReasonReturn: true,
  },
  {
    productId: 'camellia-oil-1l',
    name: '有机山茶油 1L',
    price: '88.00',
    poolContribution: '26.40',
    dividendContribution: '2.00',
    stock: 1000,
    image: '',
    active: true,
    noReasonReturn: true,
  },
  {
    productId: 'honey-500g',
    name: '野生土蜂蜜 500g',
    price: '59.90',
    poolContribution: '15.00',
    dividendContribution: '0.00',
    stock: 800,
    image: '',
    active: true,
    noReasonReturn: true,
  },
  {
    productId: 'bamboo-towel-3',
    name: '竹纤维毛巾 三条装',
    price: '29.90',
    poolContribution: '6.00',
    dividendContribution: '0.50',
    stock: 2000,
    image: '',
    active: true,
    noReasonReturn: true,
  },
  // Fresh food: exempt from returns without a reason, so its orders complete at receipt.
  {
    productId: 'veg-box',
    name: '当季鲜蔬礼盒',
    price: '98.00',
    poolContribution: '30.00',
    dividendContribution: '0.00',
    stock: 1000000,
    image: '',
    active: true,
    noReasonReturn: false,
  },
];

export async function seedProducts(): Promise<number> {
  let n = 0;
  for (const p of DEMO_PRODUCTS) {
    try {
      await putItem(productItem(p), true);
      n++;
    } catch (e) {
      if ((e as { name?: string }).name !== 'ConditionalCheckFailedException') throw e;
    }
  }
  return n;
}
