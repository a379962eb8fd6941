import { route } from '../http/wrapper';
import { listProducts } from '../repo/repository';

export const list = route({ auth: false }, async () => ({
  body: (await listProducts())
    .filter((p) => p.active)
    .map(({ productId, name, price, poolContribution, dividendContribution, stock, image }) => ({
      productId,
      name,
      price,
      poolContribution,
      dividendContribution,
      stock,
      image,
    })),
}));
