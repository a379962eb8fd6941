import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { api, type BookAddress } from '../../api';
import { useAction, useRemote } from '../../lib/hooks';
import { go, ROUTES, useQueryParam } from '../../lib/nav';
import { pickForCheckout } from '../../lib/checkout-address';
import { ErrorLine, RemoteView } from '../../components/StateView';
import { Button } from '../../ui/button';
import { Dialog } from '../../ui/dialog';
import { Toast } from '../../ui/toast';
import { AddressCard } from './AddressCard';
import './index.css';

/** 收货地址: the address book; with ?select=1 (from checkout) a tap picks the address and goes back. */
export default function AddressesPage() {
  const selecting = useQueryParam('select') === '1';
  const book = useRemote(() => api.addresses());
  const [toDelete, setToDelete] = useState<BookAddress | null>(null);
  const [toast, setToast] = useState('');
  const remove = useAction((id: string) => api.deleteAddress(id));
  const makeDefault = useAction((a: BookAddress) =>
    api.updateAddress(a.addressId, {
      name: a.name,
      phone: a.phone,
      regionCode: a.regionCode,
      detail: a.detail,
      isDefault: true,
    }),
  );

  const pick = (a: BookAddress) => {
    if (!selecting) return;
    pickForCheckout(a.addressId);
    Taro.navigateBack().catch(() => go(ROUTES.cart));
  };

  return (
    <View className="page page-addresses">
      <RemoteView remote={book} isEmpty={(d) => d.addresses.length === 0} emptyText="还没有收货地址，添加一个吧">
        {(d) => (
          <View>
            {selecting && <Text className="hint address-select-hint">点选一个地址用于本次下单</Text>}
            {d.addresses.map((a) => (
              <AddressCard
                key={a.addressId}
                a={a}
                onPick={() => pick(a)}
                onMakeDefault={async () => {
                  if (await makeDefault.run(a)) {
                    setToast('已设为默认地址');
                    book.reload();
                  }
                }}
                onDelete={() => setToDelete(a)}
              />
            ))}
          </View>
        )}
      </RemoteView>
      <ErrorLine text={remove.error || makeDefault.error} />
      <Button className="btn btn-primary address-add" type="primary" block onClick={() => go(ROUTES.addressEdit)}>
        新增收货地址
      </Button>
      <Dialog
        className="address-delete-dialog"
        visible={!!toDelete}
        title="删除地址"
        content={toDelete ? `确定删除 ${toDelete.name} ${toDelete.region} ${toDelete.detail} 吗？` : ''}
        confirmText="删除"
        cancelText="取消"
        onCancel={() => setToDelete(null)}
        onClose={() => setToDelete(null)}
        onConfirm={async () => {
          const a = toDelete;
          setToDelete(null);
          if (a && (await remove.run(a.addressId))) {
            setToast('地址已删除');
            book.reload();
          }
        }}
      />
      <Toast visible={!!toast} content={toast} icon="success" duration={1.5} onClose={() => setToast('')} />
    </View>
  );
}
