import { useMemo, useState } from 'react';
import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { dec, redemptionCost, sumMoney } from '@greenpoints/shared';
import { api, type NewOrderBody, type PayWith, type Product } from '../../api';
import { useAction, useRemote } from '../../lib/hooks';
import { go, ROUTES } from '../../lib/nav';
import { clearCart, readCart, setQty, type CartLine } from '../../lib/cart';
import { fmtYuan } from '../../lib/format';
import { usePool } from '../../lib/usePool';
import { getToken } from '../../lib/session';
import { rememberPayParams } from '../../lib/pay';
import { checkoutAddress, clearCheckoutPick } from '../../lib/checkout-address';
import { ErrorLine, RemoteView } from '../../components/StateView';
import { ActionButton } from '../../components/ActionButton';
import { CartLines, CheckoutAddress, PayChoices } from './parts';
import './index.css';

function total(lines: CartLine[], products: Product[]): string {
  return sumMoney(
    lines.map((l) => {
      const p = products.find((x) => x.productId === l.productId);
      return p ? dec(p.price).times(l.qty) : undefined;
    }),
  );
}

export default function CartPage() {
  const [lines, setLines] = useState<CartLine[]>(() => readCart());
  useDidShow(() => setLines(readCart()));
  const products = useRemote(() => api.products());
  const pool = usePool();
  const loggedIn = !!getToken();
  const wallet = useRemote(() => (loggedIn ? api.wallet() : Promise.resolve(undefined)), [loggedIn]);
  // The address book (reloaded when the shopper comes back from 收货地址): the pick or the default.
  const book = useRemote(() => (loggedIn ? api.addresses() : Promise.resolve(undefined)), [loggedIn]);
  const address = book.data ? checkoutAddress(book.data.addresses) : undefined;
  const [payWith, setPayWith] = useState<PayWith>('wechat');
  const [formError, setFormError] = useState('');
  const known = useMemo(
    () => lines.filter((l) => products.data?.some((p) => p.productId === l.productId)),
    [lines, products.data],
  );
  const amount = products.data ? total(known, products.data) : '0.00';
  // Points cost of a redemption at the live price, with the engine's own rounding (ceil6).
  const pointsCost = pool.state && dec(amount).gt(0) ? redemptionCost(pool.state, amount) : '';
  const place = useAction((body: NewOrderBody, key: string) => api.createOrder(body, key));

  const submit = async () => {
    setFormError('');
    if (!getToken()) return go(ROUTES.login);
    if (!address) return setFormError('请先添加收货地址');
    const items = known.map((l) => ({ productId: l.productId, qty: l.qty }));
    const order = await place.run({ items, payWith, addressId: address.addressId });
    if (!order) return;
    rememberPayParams(order);
    clearCart();
    clearCheckoutPick();
    setLines([]);
    Taro.redirectTo({ url: `${ROUTES.order}?id=${encodeURIComponent(order.orderId)}` });
  };

  return (
    <View className="page page-cart">
      <RemoteView remote={products} isEmpty={() => known.length === 0} emptyText="购物车是空的，去首页挑选商品吧">
        <CartLines
          lines={known}
          products={products.data ?? []}
          amount={amount}
          onQty={(id, qty) => setLines(setQty(id, qty))}
        />
        <CheckoutAddress
          address={address}
          loggedIn={loggedIn}
          loading={book.loading}
          onOpen={() => (loggedIn ? go(ROUTES.addresses, { select: '1' }) : go(ROUTES.login))}
        />
        <PayChoices payWith={payWith} onChange={setPayWith} wallet={wallet.data} pointsCost={pointsCost} />
        <ErrorLine text={formError || place.error} />
        <ActionButton cls="btn-primary place-order" busy={place.running} onClick={submit}>
          {loggedIn ? `提交订单 ${fmtYuan(amount)}` : '登录后下单'}
        </ActionButton>
      </RemoteView>
    </View>
  );
}
