import { View, Text } from '@tarojs/components';

/** What is collected, why, for how long, and the shopper's rights (PIPL): one section each. */
const SECTIONS: Array<{ title: string; body: string }> = [
  {
    title: '我们收集什么',
    body: '微信登录时的账户标识（openid，不含你的微信号）；你填写的收货人姓名、手机号码和收货地址；你选择的头像和昵称；你在本商城的订单、积分与余额明细、提现记录、售后申请，以及邀请你的人和你邀请的人。',
  },
  {
    title: '为什么收集',
    body: '收货信息用于发货、售后和按地区匹配区域代理；手机号码只提供给承运的快递公司（脱敏显示）；头像和昵称用于“我的”和排行榜（排行榜中的名字会部分隐藏）；订单与明细用于计算积分、分红和佣金，并依法保存账目。',
  },
  {
    title: '我们不做什么',
    body: '不出售你的个人信息，不用于广告，不收集通讯录、位置或相册中与本商城无关的内容。',
  },
  {
    title: '你的权利',
    body: '在“我的”页面，你可以随时导出我们保存的你的全部数据（一个 JSON 文件），也可以注销账户：没有未结清的积分、余额、订单、售后和提现时，账户的个人信息会被删除，账目中只保留无法识别你的化名，以保证分红池账目可以核对。',
  },
  {
    title: '保存期限',
    body: '账户存续期间保存；注销后个人信息立即删除，化名账目按财务法规保存。',
  },
  {
    title: '联系我们',
    body: '对本政策有任何疑问，可在订单、售后或“我的”页面点“联系客服”。',
  },
];

export default function PrivacyPage() {
  return (
    <View className="page page-privacy">
      <View className="card">
        <Text className="card-title">绿色积分商城隐私政策</Text>
        <Text className="hint">
          本政策说明我们为提供购物和积分服务收集哪些个人信息、用途，以及你如何查看和删除它们。
        </Text>
      </View>
      {SECTIONS.map((s) => (
        <View key={s.title} className="card privacy-section">
          <Text className="card-title">{s.title}</Text>
          <Text className="privacy-text">{s.body}</Text>
        </View>
      ))}
    </View>
  );
}
