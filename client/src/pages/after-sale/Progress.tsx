import { useState } from 'react';
import { View, Text, Button } from '@tarojs/components';
import { api, type AfterSaleRequest } from '../../api';
import { useAction, useRemote } from '../../lib/hooks';
import { redirect, ROUTES } from '../../lib/nav';
import { afterSaleStatusText, fmtTime, fmtYuan, fmtPoints } from '../../lib/format';
import { ErrorLine, RemoteView } from '../../components/StateView';
import { ActionButton } from '../../components/ActionButton';
import { Field } from '../../components/Field';

/** `?id=`: a request's progress: status, note, both parcels, history, and the ship-back form. */
export function Progress({ id }: { id: string }) {
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
