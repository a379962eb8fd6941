import { useState } from 'react';
import { View, Text, Button, Textarea } from '@tarojs/components';
import { api, type AfterSaleBody, type AfterSaleKind, type Order, type OrderItem } from '../../api';
import { useAction, useRemote } from '../../lib/hooks';
import { redirect, ROUTES } from '../../lib/nav';
import { askConsent } from '../../lib/subscribe';
import { fmtDayCn, fmtYuan } from '../../lib/format';
import { ErrorLine, RemoteView } from '../../components/StateView';
import { ActionButton } from '../../components/ActionButton';

type Line = OrderItem & { left: number };

function KindPicker({
  kind,
  onChange,
  until,
}: {
  kind: AfterSaleKind;
  onChange: (k: AfterSaleKind) => void;
  until?: string;
}) {
  const look = (k: AfterSaleKind) => (kind === k ? 'btn-primary' : 'btn-plain');
  return (
    <View className="card">
      <Text className="label">售后类型</Text>
      <View className="row kind-row">
        <Button className={`btn ${look('return')} kind-return`} onClick={() => onChange('return')}>
          退货退款
        </Button>
        <Button className={`btn ${look('refund_only')} kind-refund-only`} onClick={() => onChange('refund_only')}>
          仅退款
        </Button>
      </View>
      <Text className="hint">仅退款：商品未收到或已损坏，无需寄回。</Text>
      {until && <Text className="hint">售后期至 {fmtDayCn(until)}</Text>}
    </View>
  );
}

/** One line's quantity to return (0 … what is left of it); exempt items cannot be returned. */
function LineQty({ l, n, exempt, onChange }: { l: Line; n: number; exempt: boolean; onChange: (n: number) => void }) {
  return (
    <View className={`row as-line as-line-${l.productId}`}>
      <Text>
        {l.name ?? l.productId} {fmtYuan(l.price)}（可退 {l.left}）{exempt ? ' 不支持无理由退货' : ''}
      </Text>
      <View className="qty-box">
        <Button className="btn btn-plain qty-minus" onClick={() => onChange(Math.max(0, n - 1))}>
          −
        </Button>
        <Text className="qty">{n}</Text>
        <Button className="btn btn-plain qty-plus" onClick={() => !exempt && onChange(Math.min(l.left, n + 1))}>
          +
        </Button>
      </View>
    </View>
  );
}

function Form({ o }: { o: Order }) {
  const [kind, setKind] = useState<AfterSaleKind>('return');
  const [qty, setQty] = useState<Record<string, number>>({});
  const [reason, setReason] = useState('');
  const submit = useAction((body: AfterSaleBody, key: string) => api.requestAfterSale(o.orderId, body, key));
  const lines: Line[] = (o.items ?? []).map((l) => ({ ...l, left: l.qty - (l.returnedQty ?? 0) }));
  const chosen = lines.filter((l) => (qty[l.productId] ?? 0) > 0);
  const send = async () => {
    await askConsent('after_sale');
    const items = chosen.map((l) => ({ productId: l.productId, qty: qty[l.productId]! }));
    const r = await submit.run({ kind, items, reason: reason.trim() });
    if (r) redirect(ROUTES.afterSale, { id: r.requestId });
  };
  return (
    <View>
      <KindPicker kind={kind} onChange={setKind} until={o.completesAt} />
      <View className="card">
        <Text className="label">选择商品</Text>
        {lines.map((l) => (
          <LineQty
            key={l.productId}
            l={l}
            n={qty[l.productId] ?? 0}
            exempt={kind === 'return' && l.noReasonReturn === false}
            onChange={(n) => setQty({ ...qty, [l.productId]: n })}
          />
        ))}
      </View>
      <View className="card">
        <Text className="label">原因</Text>
        <Textarea
          className="input after-sale-reason"
          placeholder="请说明原因（必填）"
          value={reason}
          maxlength={200}
          onInput={(e) => setReason(typeof e.detail?.value === 'string' ? e.detail.value : '')}
        />
      </View>
      <ErrorLine text={submit.error} />
      <ActionButton
        cls="btn-primary submit-after-sale"
        busy={submit.running}
        disabled={chosen.length === 0 || reason.trim() === ''}
        onClick={send}
      >
        提交申请
      </ActionButton>
    </View>
  );
}

/** `?orderId=`: a new request for the order's lines (退货退款 or 仅退款), with a reason. */
export function RequestForm({ orderId }: { orderId: string }) {
  const remote = useRemote(() => api.order(orderId), [orderId]);
  return <RemoteView remote={remote}>{(o: Order) => <Form o={o} />}</RemoteView>;
}
