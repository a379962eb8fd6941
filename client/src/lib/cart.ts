import Taro from '@tarojs/taro';

// The cart lives on the device only; the server sees it when an order is placed.
const KEY = 'gp.cart';

export interface CartLine {
  productId: string;
  qty: number;
}

export function readCart(): CartLine[] {
  const raw = Taro.getStorageSync(KEY) as unknown;
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (l): l is CartLine =>
      !!l &&
      typeof (l as CartLine).productId === 'string' &&
      Number.isInteger((l as CartLine).qty) &&
      (l as CartLine).qty > 0,
  );
}

export function writeCart(lines: CartLine[]): void {
  Taro.setStorageSync(
    KEY,
    lines.filter((l) => l.qty > 0),
  );
}

export function addToCart(productId: string, qty = 1): CartLine[] {
  const lines = readCart();
  const line = lines.find((l) => l.productId === productId);
  if (line) line.qty = Math.min(99, line.qty + qty);
  else lines.push({ productId, qty });
  writeCart(lines);
  return lines;
}

export function setQty(productId: string, qty: number): CartLine[] {
  const lines = readCart()
    .map((l) => (l.productId === productId ? { ...l, qty: Math.max(0, Math.min(99, qty)) } : l))
    .filter((l) => l.qty > 0);
  writeCart(lines);
  return lines;
}

export function clearCart(): void {
  Taro.removeStorageSync(KEY);
}
