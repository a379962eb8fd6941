import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { api, type AddressForm } from '../../api';
import { useAction, useRemote } from '../../lib/hooks';
import { useQueryParam } from '../../lib/nav';
import { formProblem, pickForCheckout } from '../../lib/checkout-address';
import { ErrorLine, RemoteView } from '../../components/StateView';
import { ActionButton } from '../../components/ActionButton';
import { PrivacyPopup } from '../../components/PrivacyPopup';
import { useConsentFirst } from '../../lib/privacy';
import { AddressFields } from './AddressFields';

const EMPTY: AddressForm = { name: '', phone: '', regionCode: '', detail: '', isDefault: false };

/** 新增 / 编辑收货地址 (?id= edits one). A new address made from checkout is picked for it. */
export default function AddressEditPage() {
  const id = useQueryParam('id');
  // Name, phone and address are personal data: the privacy guide comes before the form.
  useConsentFirst();
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
        <AddressFields form={form} set={set} />
        <ErrorLine text={problem || save.error} />
        <ActionButton cls="btn-primary address-save" busy={save.running} onClick={submit}>
          保存
        </ActionButton>
      </RemoteView>
      <PrivacyPopup onDisagree={() => Taro.navigateBack().catch(() => undefined)} />
    </View>
  );
}
