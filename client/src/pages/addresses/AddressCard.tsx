import { View, Text } from '@tarojs/components';
import type { BookAddress } from '../../api';
import { go, ROUTES } from '../../lib/nav';
import { maskPhone } from '../../lib/checkout-address';

interface Props {
  a: BookAddress;
  onPick: () => void;
  onMakeDefault: () => void;
  onDelete: () => void;
}

/** One entry of the book (phone masked) with 设为默认, 编辑 and 删除. */
export function AddressCard({ a, onPick, onMakeDefault, onDelete }: Props) {
  return (
    <View className={`card address-card address-${a.addressId}`}>
      <View onClick={onPick}>
        <View className="address-who">
          <Text className="address-name">{a.name}</Text>
          <Text className="muted address-phone"> {maskPhone(a.phone)}</Text>
          {a.isDefault && <Text className="tag address-default-tag">默认</Text>}
        </View>
        <Text className="address-region">{a.region}</Text>
        <Text className="address-detail"> {a.detail}</Text>
      </View>
      <View className="address-actions">
        {!a.isDefault && (
          <Text className="address-action address-make-default" onClick={onMakeDefault}>
            设为默认
          </Text>
        )}
        <Text className="address-action address-edit" onClick={() => go(ROUTES.addressEdit, { id: a.addressId })}>
          编辑
        </Text>
        <Text className="address-action address-delete" onClick={onDelete}>
          删除
        </Text>
      </View>
    </View>
  );
}
