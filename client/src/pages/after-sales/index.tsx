import { View, Text } from '@tarojs/components';
import { api } from '../../api';
import { usePaged } from '../../lib/usePaged';
import { RemoteView } from '../../components/StateView';
import { MoreFooter } from '../../components/MoreFooter';
import { ContactButton } from '../../components/ContactButton';
import { AfterSaleRow } from './AfterSaleRow';

/** 售后记录: every after-sale request of the shopper, newest first; more load at the bottom. */
export default function AfterSalesPage() {
  const list = usePaged((cursor) => api.afterSales(cursor));
  return (
    <View className="page page-after-sales">
      <RemoteView
        remote={list.first}
        isEmpty={() => list.items.length === 0}
        emptyText="还没有售后记录"
        onRetry={list.reset}
      >
        {list.items.map((r) => (
          <AfterSaleRow key={r.requestId} r={r} />
        ))}
        <MoreFooter paged={list} cls="after-sales" />
        <Text className="hint">售后在确认收货后 7 天内于订单页申请；点一条记录查看进度和寄回物流。</Text>
      </RemoteView>
      <ContactButton from="after-sales" cls="after-sales-contact" />
    </View>
  );
}
