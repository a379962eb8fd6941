import { View, Text } from '@tarojs/components';
import { fmtPercent as pct } from '@greenpoints/shared';
import { usePool } from '../../lib/usePool';
import { fmtPrice } from '../../lib/format';
import './index.css';

function Section({ title, children, cls }: { title: string; children: string[]; cls?: string }) {
  return (
    <View className={`card rules-section ${cls ?? ''}`}>
      <Text className="card-title">{title}</Text>
      {children.map((p, i) => (
        <Text key={i} className="rules-p">
          {p}
        </Text>
      ))}
    </View>
  );
}

/** The rules of docs/rules.md in plain words. Figures come from the live pool and the rules' parameters. */
export default function RulesPage() {
  // The rules are readable without the network; the live price is a bonus.
  const pool = usePool();
  const params = pool.params;
  const price = pool.data ? `当前价格 ¥${fmtPrice(pool.data.price)}。` : '';
  return (
    <View className="page page-rules">
      <Section title="绿色积分是什么">
        {[
          '绿色积分是购物的回馈凭证，不是金融产品，不能在用户之间转让，也不在任何交易所买卖。',
          '账户里还有三种余额：恒定积分（1 积分 = 1 元，可在商城消费）、消费币（老会员的历史余额，只能购物，不能提现或兑换）、可提现余额（卖出积分、分红和佣金所得，可以提现）。',
        ]}
      </Section>
      <Section title="积分怎么来" cls="rules-earn">
        {[
          '每件商品有一笔固定金额计入分红池（例如 100 元的商品计入 30 元）。订单完成（确认收货或售后期结束）时，这笔钱进入分红池，同时按其中 ' +
            pct(params.rewardRatio) +
            ' 的价值、按当时价格给你发放积分。',
          '完成前退款的订单不发放积分，也不影响分红池。用积分兑换的订单不再发放积分。',
        ]}
      </Section>
      <Section title="价格怎么变" cls="rules-price">
        {[
          '积分价格 = 分红池资金 ÷ 流通积分。' + price,
          '订单完成时，池中资金增加的比例大于新发积分的比例，所以价格上涨；越往后同样的订单发出的积分越少。',
          '卖出积分时，按当前价格从池中付款，手续费留在池中，所以卖出后价格略微上升，而不是下降。兑换商品时积分被销毁、资金不动，价格也会上升。',
          '价格只会因为新的订单和手续费而上涨，涨多少取决于以后的订单量。没有订单，价格就不动。',
        ]}
      </Section>
      <Section title="卖出与手续费" cls="rules-fee">
        {[
          `卖出积分得到的金额 = 数量 × 当前价格 ×（1 − ${pct(params.sellFeeRate)}），金额向下取整到分。手续费 ${pct(params.sellFeeRate)} 留在分红池里，由仍持有积分的人共享。`,
          '卖出前钱包会先给你看预估：按当前价格计、手续费、到账金额和卖出后的价格。成交以确认那一刻的价格为准。',
          '所有计算都向有利于分红池的方向取整：发放的积分和到账金额向下取整，兑换所需积分向上取整。',
        ]}
      </Section>
      <Section title="分红与出局" cls="rules-dividend">
        {[
          '每笔完成的订单按订单金额的 ' +
            params.quotaMultiplier +
            ' 倍给你分红额度。每天结算时，当天计入的分红资金按持有积分的比例以现金发放，不超过你剩余的额度。',
          '开启出局时，如果你的积分按当时价格的价值达到剩余额度，系统会替你卖出全部积分（同样收取手续费），额度清零，再次消费后重新获得。',
        ]}
      </Section>
      <Section title="推荐奖励" cls="rules-referral">
        {['好友通过你的邀请登录并完成订单，你可以获得推荐奖励；奖励最多两级，不收入会费，也不因拉人头本身给奖励。']}
      </Section>
      <Section title="我们不承诺什么" cls="rules-no-promise">
        {[
          '不承诺任何收益或回报率，不承诺价格一定上涨到某个数字，也没有"上市"或"原始股"之类的承诺。',
          '积分不能转让、不能在二级市场交易，也不能用现金购买恒定积分或消费币。',
          '价格走势和分红池的真实数字都公开在“价格走势”和“分红池”页面，请以这些数字为准。',
        ]}
      </Section>
    </View>
  );
}
