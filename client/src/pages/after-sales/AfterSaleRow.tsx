import { View, Text } from '@tarojs/components';
import type { AfterSaleRequest } from '../../api';
import { afterSaleStatusText, fmtTime, fmtYuan } from '../../lib/format';
import { go, ROUTES } from '../../lib/nav';

/** One request: what was asked, for how much, its state; tapping opens its progress. */
export function AfterSaleRow({ r }: { r: AfterSaleRequest }) {
  const pieces = r.items.reduce((n, l) => n + l.qty, 0);
  return (
    <View
      className={`card after-sale-row after-sale-${r.requestId}`}
      onClick={() => go(ROUTES.afterSale, { id: r.requestId })}
    >
      <View className="row">
        <Text className="after-sale-kind">{r.kind === 'return' ? '退货退款' : '仅退款'}</Text>
        <Text className={`tag after-sale-row-status status-${r.status}`}>{afterSaleStatusText(r.status)}</Text>
      </View>
      <View className="row">
        <Text className="big after-sale-amount">{fmtYuan(r.amount)}</Text>
        <Text className="muted after-sale-pieces">共 {pieces} 件</Text>
      </View>
      <Text className="hint after-sale-reason">原因：{r.reason}</Text>
      <Text className="muted after-sale-time">申请于 {fmtTime(r.createdAt)}</Text>
    </View>
  );
}
