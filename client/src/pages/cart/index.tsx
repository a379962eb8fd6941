import { useMemo, useState } from 'react';
import { View, Text } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { dec, redemptionCost, sumMoney } from '@greenpoints/shared';
import { api, type PayWith, type Product } from '../../api';
import { useAction, useRemote } from '../../lib/hooks';
import { go, ROUTES } from '../../lib/nav';
import { clearCart, readCart, setQty, type CartLine } from '../../lib/cart';
import { fmtPoints, fmtYuan, PAY_WITH } from '../../lib/format';
import { usePool } from '../../lib/usePool';
import { getToken } from '../../lib/session';
import { rememberPayParams } from '../../lib/pay';
import { checkoutAddress, clearCheckoutPick, maskPhone } from '../../lib/checkout-address';
import { ErrorLine, RemoteView } from '../../components/StateView';
import { ActionButton } from '../../components/ActionButton';
import { InputNumber } from '../../ui/inputnumber';
import './index.css';

const TENDERS: PayWith[] = ['wechat', 'constant', 'storeCredit', 'equity'];

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

  const place = useAction(
    (
      body: {
        items: Array<{ productId: string; qty: number }>;
        payWith: PayWith;
        addressId: string;
      },
      key: string,
    ) => api.createOrder(body, key),
  );

  const submit = async () => {
    setFormError('');
    if (!getToken()) {
      go(ROUTES.login);
      return;
    }
    if (!address) {
      setFormError('请先添加收货地址');
      return;
    }
    const order = await place.run({
      items: known.map((l) => ({ productId: l.productId, qty: l.qty })),
      payWith,
      addressId: address.addressId,
    });
    if (order) {
      rememberPayParams(order);
      clearCart();
      clearCheckoutPick();
      setLines([]);
      Taro.redirectTo({ url: `${ROUTES.order}?id=${encodeURIComponent(order.orderId)}` });
    }
  };

  const balance = (t: PayWith): string => {
    const w = wallet.data;
    if (!w) return '';
    if (t === 'constant') return `余额 ${fmtYuan(w.constant)}`;
    if (t === 'storeCredit') return `余额 ${fmtYuan(w.storeCredit)}`;
    if (t === 'equity') return `可用 ${fmtPoints(w.equity)} 积分`;
    return '';
  };

  return (
    <View className="page page-cart">
      <RemoteView remote={products} isEmpty={() => known.length === 0} emptyText="购物车是空的，去首页挑选商品吧">
        <View className="card">
          {known.map((l) => {
            const p = products.data?.find((x) => x.productId === l.productId);
            if (!p) return null;
            return (
              <View key={l.productId} className={`row cart-line cart-line-${l.productId}`}>
                <View>
                  <Text className="cart-name">{p.name}</Text>
                  <Text className="muted"> {fmtYuan(p.price)}</Text>
                </View>
                <InputNumber
                  className={`stepper qty qty-${l.productId}`}
                  min={0}
                  max={99}
                  value={l.qty}
                  onChange={(v) => setLines(setQty(l.productId, Math.floor(Number(v)) || 0))}
                />
              </View>
            );
          })}
          <View className="row">
            <Text className="row-label">合计</Text>
            <Text className="row-value cart-total">{fmtYuan(amount)}</Text>
          </View>
        </View>

        <View
          className="card checkout-address"
          onClick={() => (loggedIn ? go(ROUTES.addresses, { select: '1' }) : go(ROUTES.login))}
        >
          <Text className="card-title">收货地址</Text>
          {address ? (
            <View className="row">
              <View>
                <Text className="address-name">{address.name}</Text>
                <Text className="muted"> {maskPhone(address.phone)}</Text>
                <Text className="hint checkout-address-text">
                  {address.region} {address.detail}
                </Text>
              </View>
              <Text className="muted">›</Text>
            </View>
          ) : (
            <View className="row add-address">
              <Text className="muted">
                {loggedIn ? (book.loading ? '地址加载中…' : '添加收货地址') : '登录后选择收货地址'}
              </Text>
              <Text className="muted">›</Text>
            </View>
          )}
        </View>

        <View className="card">
          <Text className="card-title">支付方式</Text>
          {TENDERS.map((t) => (
            <View
              key={t}
              className={`choice pay-${t} ${payWith === t ? 'choice-on' : ''}`}
              onClick={() => setPayWith(t)}
            >
              <Text>{PAY_WITH[t]}</Text>
              <Text className="muted"> {balance(t)}</Text>
              {t === 'equity' && (
                <Text className="hint points-cost">
                  {pointsCost
                    ? `按当前价格需 ${fmtPoints(pointsCost)} 积分（下单时按实时价格计算）`
                    : '积分价格加载中…'}
                </Text>
              )}
            </View>
          ))}
          {payWith === 'equity' && <Text className="hint">用积分兑换的订单不计入分红池，也不再发放积分。</Text>}
        </View>

        <ErrorLine text={formError || place.error} />
        <ActionButton cls="btn-primary place-order" busy={place.running} onClick={submit}>
          {loggedIn ? `提交订单 ${fmtYuan(amount)}` : '登录后下单'}
        </ActionButton>
      </RemoteView>
    </View>
  );
}
