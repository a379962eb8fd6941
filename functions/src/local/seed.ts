// Demo catalogue for the local stage. Seeding never overwrites: data survives restarts.
import { putItem } from '../repo/ddb';
import { productItem, type Product } from '../repo/repository';

/** The drawn pictures of a seeded product (scripts/draw-pictures.js, served locally at /pictures). */
const pics = (id: string) => [1, 2, 3].map((n) => `products/${id}/${n}.svg`);

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
    category: '粮油',
    description: '黑龙江五常稻花香，当季新米，真空包装，开袋即闻米香。10kg 装，适合一家人一个月的用量。',
    pictures: pics('rice-10kg'),
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
    category: '茶饮',
    description: '杭州西湖产区明前采摘，一芽一叶，扁平光滑，豆香清雅。250g 罐装，避光密封保存。',
    pictures: pics('longjing-250g'),
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
    category: '粮油',
    description: '江西高山油茶籽冷榨，不添加其他油脂，烟点高，适合炒菜和凉拌。1L 玻璃瓶装。',
    pictures: pics('camellia-oil-1l'),
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
    category: '滋补',
    description: '秦岭山区中华蜂百花蜜，自然成熟，低温灌装，冬季结晶属正常现象。500g 玻璃瓶装。',
    pictures: pics('honey-500g'),
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
    category: '家居',
    description: '竹纤维面料，柔软吸水，抑菌快干，三色三条装，适合洗脸和擦手。',
    pictures: pics('bamboo-towel-3'),
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
  // Sold out: shows the 已售罄 state (no pictures: the placeholder).
  {
    productId: 'black-fungus-200g',
    name: '东北黑木耳 200g',
    price: '39.90',
    poolContribution: '8.00',
    dividendContribution: '0.00',
    stock: 0,
    image: '',
    active: true,
    category: '粮油',
    description: '长白山椴木黑木耳，肉厚无根，泡发率高。本季已售罄，下批到货后上架。',
    pictures: [],
    noReasonReturn: true,
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
