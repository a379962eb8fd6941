import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { api, type AddressForm } from '../../api';
import { useAction, useRemote } from '../../lib/hooks';
import { useQueryParam } from '../../lib/nav';
import { formProblem, pickForCheckout } from '../../lib/checkout-address';
import { ErrorLine, RemoteView } from '../../components/StateView';
import { Field } from '../../components/Field';
import { ActionButton } from '../../components/ActionButton';
import { RegionPicker } from '../../components/RegionPicker';
import { Switch } from '../../ui/switch';

const EMPTY: AddressForm = { name: '', phone: '', regionCode: '', detail: '', isDefault: false };

/** 新增 / 编辑收货地址 (?id= edits one). A new address made from checkout is picked for it. */
export default function AddressEditPage() {
  const id = useQueryParam('id');
  const book = useRemote(() => (id ? api.addresses() : Promise.resolve(null)), [id]);
  const [form, setForm] = useState<AddressForm>(EMPTY);
  const [problem, setProblem] = useState('');
  const existing = book.data?.addresses.find((a) => a.addressId === id);
  useEffect(() => {
    if (existing) {
      const { name, phone, regionCode, detail, isDefault } = existing;
      setForm({ name, phone, regionCode, detail, isDefault });
    }
  }, [existing]);
  const save = useAction((f: AddressForm, key: string) => (id ? api.updateAddress(id, f) : api.addAddress(f, key)));
  const set = (patch: Partial<AddressForm>) => setForm((f) => ({ ...f, ...patch }));

  const submit = async () => {
    const p = formProblem(form);
    setProblem(p);
    if (p) return;
    const saved = await save.run({ ...form, name: form.name.trim(), detail: form.detail.trim() });
    if (saved) {
      if (!id) pickForCheckout(saved.addressId);
      Taro.navigateBack().catch(() => undefined);
    }
  };

  return (
    <View className="page page-address-edit">
      <RemoteView
        remote={book}
        isEmpty={(d) => !!id && !d?.addresses.some((a) => a.addressId === id)}
        emptyText="这个地址不存在，可能已被删除"
      >
        <View className="card">
          <View className="form-row">
            <Text className="form-label">收货人</Text>
            <Field
              cls="addr-name"
              placeholder="姓名"
              value={form.name}
              maxLength={20}
              onChange={(v) => set({ name: v })}
            />
          </View>
          <View className="form-row">
            <Text className="form-label">手机号码</Text>
            <Field
              cls="addr-phone"
              type="tel"
              placeholder="手机号码"
              value={form.phone}
              maxLength={11}
              onChange={(v) => set({ phone: v.replace(/\D/g, '') })}
            />
          </View>
          <RegionPicker value={form.regionCode} onChange={(code) => set({ regionCode: code })} />
          <View className="form-row">
            <Text className="form-label">详细地址</Text>
            <Field
              cls="addr-detail"
              placeholder="街道、楼栋、门牌号"
              value={form.detail}
              maxLength={120}
              onChange={(v) => set({ detail: v })}
            />
          </View>
          <View className="row">
            <Text className="row-label">设为默认地址</Text>
            <Switch
              className="addr-default"
              checked={!!form.isDefault}
              onChange={(v: boolean) => set({ isDefault: v })}
            />
          </View>
        </View>
        <ErrorLine text={problem || save.error} />
        <ActionButton cls="btn-primary address-save" busy={save.running} onClick={submit}>
          保存
        </ActionButton>
      </RemoteView>
    </View>
  );
}
