import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { api } from '../../api';
import { useAction } from '../../lib/hooks';
import { saveExport } from '../../lib/account';
import { ActionButton } from '../../components/ActionButton';
import { ErrorLine } from '../../components/StateView';
import { Dialog } from '../../ui/dialog';

const DELETE_WARNING =
  '注销后，你的昵称、头像、收货地址和登录方式会被删除，无法恢复，也不能再用这个微信登录找回；账目中只保留无法识别你的化名。账户里还有积分、余额，或有未完成的订单、售后、提现时不能注销。确定注销吗？';

/** 导出我的数据 and 注销账户 (PIPL): a copy of everything held, and leaving for good. */
export function AccountCard({ onDeleted }: { onDeleted: () => void }) {
  const [exported, setExported] = useState('');
  const [asking, setAsking] = useState(false);
  const exportData = useAction(async () => saveExport(await api.exportMe()));
  const remove = useAction((_: null, key: string) => api.deleteMe(key));
  const runExport = async () => {
    setExported('');
    const msg = await exportData.run(undefined);
    if (msg) setExported(msg);
  };
  const confirmDelete = async () => {
    setAsking(false);
    if (await remove.run(null)) onDeleted();
  };
  return (
    <View className="card account-card">
      <Text className="card-title">我的数据</Text>
      <ActionButton cls="btn-plain export-data" busy={exportData.running} onClick={runExport}>
        导出我的数据
      </ActionButton>
      {exported && <Text className="ok-line export-done">{exported}</Text>}
      <ErrorLine text={exportData.error} />
      <ActionButton cls="btn-danger delete-account" busy={remove.running} onClick={() => setAsking(true)}>
        注销账户
      </ActionButton>
      <ErrorLine text={remove.error} />
      <Dialog
        className="delete-account-dialog"
        visible={asking}
        title="注销账户"
        content={DELETE_WARNING}
        confirmText="确认注销"
        cancelText="再想想"
        onCancel={() => setAsking(false)}
        onClose={() => setAsking(false)}
        onConfirm={confirmDelete}
      />
    </View>
  );
}
