import { View, Text } from '@tarojs/components';
import type { BookAddress, PayWith, Product, Wallet } from '../../api';
import type { CartLine } from '../../lib/cart';
import { fmtPoints, fmtYuan, PAY_WITH } from '../../lib/format';
import { maskPhone } from '../../lib/checkout-address';
import { InputNumber } from '../../ui/inputnumber';

export const TENDERS: PayWith[] = ['wechat', 'constant', 'storeCredit', 'equity'];

/** The cart's lines with their steppers (0 removes a line) and the total. */
export function CartLines(props: {
  lines: CartLine[];
  products: Product[];
  amount: string;
  onQty: (productId: string, qty: number) => void;
}) {
  return (
    <View className="card">
      {props.lines.map((l) => {
        const p = props.products.find((x) => x.productId === l.productId);
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
              onChange={(v) => props.onQty(l.productId, Math.floor(Number(v)) || 0)}
            />
          </View>
        );
      })}
      <View className="row">
        <Text className="row-label">合计</Text>
        <Text className="row-value cart-total">{fmtYuan(props.amount)}</Text>
      </View>
    </View>
  );
}

/** The address the order goes to (the pick or the default); a tap opens the book. */
export function CheckoutAddress(props: {
  address: BookAddress | undefined;
  loggedIn: boolean;
  loading: boolean;
  onOpen: () => void;
}) {
  const { address, loggedIn } = props;
  return (
    <View className="card checkout-address" onClick={props.onOpen}>
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
            {loggedIn ? (props.loading ? '地址加载中…' : '添加收货地址') : '登录后选择收货地址'}
          </Text>
          <Text className="muted">›</Text>
        </View>
      )}
    </View>
  );
}

function balance(t: PayWith, w: Wallet | undefined): string {
  if (!w) return '';
  if (t === 'constant') return `余额 ${fmtYuan(w.constant)}`;
  if (t === 'storeCredit') return `余额 ${fmtYuan(w.storeCredit)}`;
  if (t === 'equity') return `可用 ${fmtPoints(w.equity)} 积分`;
  return '';
}

/** 支付方式 with each balance; paying with points shows its cost at the live price. */
export function PayChoices(props: {
  payWith: PayWith;
  onChange: (t: PayWith) => void;
  wallet: Wallet | undefined;
  pointsCost: string;
}) {
  return (
    <View className="card">
      <Text className="card-title">支付方式</Text>
      {TENDERS.map((t) => (
        <View
          key={t}
          className={`choice pay-${t} ${props.payWith === t ? 'choice-on' : ''}`}
          onClick={() => props.onChange(t)}
        >
          <Text>{PAY_WITH[t]}</Text>
          <Text className="muted"> {balance(t, props.wallet)}</Text>
          {t === 'equity' && (
            <Text className="hint points-cost">
              {props.pointsCost
                ? `按当前价格需 ${fmtPoints(props.pointsCost)} 积分（下单时按实时价格计算）`
                : '积分价格加载中…'}
            </Text>
          )}
        </View>
      ))}
      {props.payWith === 'equity' && <Text className="hint">用积分兑换的订单不计入分红池，也不再发放积分。</Text>}
    </View>
  );
}
