import { View, Text } from '@tarojs/components';
import type { AddressForm } from '../../api';
import { Field } from '../../components/Field';
import { RegionPicker } from '../../components/RegionPicker';
import { Switch } from '../../ui/switch';

/** The form's fields: receiver, mobile (digits only), region (省 / 市 / 区), detail, default. */
export function AddressFields({ form, set }: { form: AddressForm; set: (patch: Partial<AddressForm>) => void }) {
  return (
    <View className="card">
      <View className="form-row">
        <Text className="form-label">收货人</Text>
        <Field cls="addr-name" placeholder="姓名" value={form.name} maxLength={20} onChange={(v) => set({ name: v })} />
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
        <Switch className="addr-default" checked={!!form.isDefault} onChange={(v: boolean) => set({ isDefault: v })} />
      </View>
    </View>
  );
}
