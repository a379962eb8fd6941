import { useState } from 'react';
import { View, Text, Button, Textarea } from '@tarojs/components';
import { api, type AfterSaleKind, type AfterSaleRequest, type Order } from '../../api';
import { useAction, useRemote } from '../../lib/hooks';
import { redirect, ROUTES, useQueryParam } from '../../lib/nav';
import { askConsent } from '../../lib/subscribe';
import { afterSaleStatusText, fmtDayCn, fmtTime, fmtYuan, fmtPoints } from '../../lib/format';
import { ErrorLine, RemoteView } from '../../components/StateView';
import { ActionButton } from '../../components/ActionButton';
import { Field } from '../../components/Field';
import './index.css';

/** `?orderId=`: the form for a new request; `?id=`: a request's progress. */
export default function AfterSalePage() {
  const orderId = useQueryParam('orderId');
  const id = useQueryParam('id');
  return <View className="page page-after-sale">{id ? <Progress id={id} /> : <RequestForm orderId={orderId} />}</View>;
}

function RequestForm({ orderId }: { orderId: string }) {
  const remote = useRemote(() => api.order(orderId), [orderId]);
  const [kind, setKind] = useState<AfterSaleKind>('return');
  const [qty, setQty] = useState<Record<string, number>>({});
  const [reason, setReason] = useState('');
  const submit = useAction(
    async (
      body: { kind: AfterSaleKind; items: Array<{ productId: string; qty: number }>; reason: string },
      key: string,
    ) => api.requestAfterSale(orderId, body, key),
  );
  return (
    <RemoteView remote={remote}>
      {(o: Order) => {
        const lines = (o.items ?? []).map((l) => ({ ...l, left: l.qty - (l.returnedQty ?? 0) }));
        const chosen = lines.filter((l) => (qty[l.productId] ?? 0) > 0);
        return (
          <View>
            <View className="card">
              <Text className="label">售后类型</Text>
              <View className="row kind-row">
                <Button
                  className={`btn ${kind === 'return' ? 'btn-primary' : 'btn-plain'} kind-return`}
                  onClick={() => setKind('return')}
                >
                  退货退款
                </Button>
                <Button
                  className={`btn ${kind === 'refund_only' ? 'btn-primary' : 'btn-plain'} kind-refund-only`}
                  onClick={() => setKind('refund_only')}
                >
                  仅退款
                </Button>
              </View>
              <Text className="hint">仅退款：商品未收到或已损坏，无需寄回。</Text>
              {o.completesAt && <Text className="hint">售后期至 {fmtDayCn(o.completesAt)}</Text>}
            </View>
            <View className="card">
              <Text className="label">选择商品</Text>
              {lines.map((l) => {
                const n = qty[l.productId] ?? 0;
                const exempt = kind === 'return' && l.noReasonReturn === false;
                return (
                  <View key={l.productId} className={`row as-line as-line-${l.productId}`}>
                    <Text>
                      {l.name ?? l.productId} {fmtYuan(l.price)}（可退 {l.left}）{exempt ? ' 不支持无理由退货' : ''}
                    </Text>
                    <View className="qty-box">
                      <Button
                        className="btn btn-plain qty-minus"
                        onClick={() => setQty({ ...qty, [l.productId]: Math.max(0, n - 1) })}
                      >
                        −
                      </Button>
                      <Text className="qty">{n}</Text>
                      <Button
                        className="btn btn-plain qty-plus"
                        onClick={() => !exempt && setQty({ ...qty, [l.productId]: Math.min(l.left, n + 1) })}
                      >
                        +
                      </Button>
                    </View>
                  </View>
                );
              })}
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
              onClick={async () => {
                await askConsent('after_sale');
                const r = await submit.run({
                  kind,
                  items: chosen.map((l) => ({ productId: l.productId, qty: qty[l.productId]! })),
                  reason: reason.trim(),
                });
                if (r) redirect(ROUTES.afterSale, { id: r.requestId });
              }}
            >
              提交申请
            </ActionButton>
          </View>
        );
      }}
    </RemoteView>
  );
}

function Progress({ id }: { id: string }) {
  const remote = useRemote(() => api.afterSale(id), [id]);
  const [carrier, setCarrier] = useState('');
  const [trackingNo, setTrackingNo] = useState('');
  const ship = useAction((b: { carrier: string; trackingNo: string }, key: string) => api.shipBack(id, b, key));
  return (
    <RemoteView remote={remote}>
      {(r: AfterSaleRequest) => (
        <View>
          <View className="card after-sale-progress">
            <View className="row">
              <Text className="muted">{r.kind === 'return' ? '退货退款' : '仅退款'}</Text>
              <Text className="tag after-sale-status">{afterSaleStatusText(r.status)}</Text>
            </View>
            <Text>退款金额 {fmtYuan(r.amount)}</Text>
            {r.refund?.points && <Text>退回积分 {fmtPoints(r.refund.points)}</Text>}
            <Text className="hint">原因：{r.reason}</Text>
            {r.note && <Text className="after-sale-note">商家说明：{r.note}</Text>}
            {r.shipment?.trackingNo && (
              <Text className="tracking-out">
                发货物流：{r.shipment.carrier} {r.shipment.trackingNo}
              </Text>
            )}
            {r.returnShipment?.trackingNo && (
              <Text className="tracking-back">
                退货物流：{r.returnShipment.carrier} {r.returnShipment.trackingNo}
              </Text>
            )}
          </View>
          <View className="card">
            {r.history.map((h, i) => (
              <View key={i} className="row history-line">
                <Text>{afterSaleStatusText(h.status)}</Text>
                <Text className="muted">{fmtTime(h.at)}</Text>
              </View>
            ))}
          </View>
          {r.status === 'approved' && r.kind === 'return' && (
            <View className="card ship-back">
              <Text className="label">寄回商品后填写物流</Text>
              <Field
                cls="ship-back-carrier"
                placeholder="快递公司，如 顺丰速运"
                value={carrier}
                onChange={setCarrier}
              />
              <Field cls="ship-back-tracking" placeholder="快递单号" value={trackingNo} onChange={setTrackingNo} />
              <ErrorLine text={ship.error} />
              <ActionButton
                cls="btn-primary ship-back-submit"
                busy={ship.running}
                disabled={!carrier.trim() || !trackingNo.trim()}
                onClick={async () => {
                  if (await ship.run({ carrier: carrier.trim(), trackingNo: trackingNo.trim() })) remote.reload();
                }}
              >
                提交物流单号
              </ActionButton>
            </View>
          )}
          <Button className="btn btn-plain to-order" onClick={() => redirect(ROUTES.order, { id: r.orderId })}>
            返回订单
          </Button>
        </View>
      )}
    </RemoteView>
  );
}
