import { View, Text } from '@tarojs/components';
import { dec, fmtPercent as pct, roundHalfUp } from '@greenpoints/shared';
import type { Pool } from '../../api';
import { usePool } from '../../lib/usePool';
import { pickLinks } from '../../lib/links';
import { fmtPoints, fmtPrice, fmtYuan } from '../../lib/format';
import { RemoteView } from '../../components/StateView';
import { StatList } from '../../components/Stat';
import { Links } from '../../components/Links';
import { SignedHead } from '../../components/SignedHead';

export default function PoolPage() {
  const pool = usePool();
  const capUsed = (p: Pool) =>
    dec(p.supplyCap).gt(0) ? roundHalfUp(dec(p.issued).div(p.supplyCap).mul(100), 4).toString() : '0';
  return (
    <View className="page page-pool">
      <RemoteView remote={pool}>
        {(p) => (
          <View>
            <View className="card">
              <Text className="label">积分价格</Text>
              <Text className="big pool-price">¥{p.priceDisplay || fmtPrice(p.price)}</Text>
              <Text className="hint">
                价格 = 分红池资金 {fmtYuan(p.fund)} ÷ 流通积分 {fmtPoints(p.circulating)}
              </Text>
            </View>
            <View className="card">
              <Text className="card-title">资金与积分</Text>
              <StatList
                stats={[
                  { label: '分红池资金', value: fmtYuan(p.fund), cls: 'pool-fund' },
                  { label: '流通积分', value: fmtPoints(p.circulating), cls: 'pool-circulating' },
                  { label: '其中：恒定积分储备', value: fmtPoints(p.treasury), cls: 'pool-treasury' },
                  { label: '累计发行', value: fmtPoints(p.issued), cls: 'pool-issued' },
                  { label: '累计回收销毁', value: fmtPoints(p.burned), cls: 'pool-burned' },
                  { label: '发行上限', value: fmtPoints(p.supplyCap), cls: 'pool-cap' },
                  { label: '上限已用', value: `${capUsed(p)}%` },
                  { label: '卖出手续费（留在池中）', value: pct(pool.params.sellFeeRate), cls: 'pool-fee' },
                  { label: '变动次数', value: String(p.seq) },
                ]}
              />
            </View>
            <View className="card">
              <Text className="card-title">这些数字说明什么</Text>
              <Text className="hint">
                分红池的钱来自每笔完成订单中固定计入的部分。每一个流通积分背后都有 ¥{fmtPrice(p.price)} 的池中资金；
                卖出积分时从池中按价格付款并扣除手续费，手续费留在池中。积分不能转让或在外部交易，池中资金只用于回购积分。
              </Text>
            </View>
            <View className="card pool-verify">
              <Text className="card-title">人人可以核对</Text>
              <Text className="hint">
                分红池的每一次变动都按批次记入公开账本（GET
                /pool/log），每批带有上一批的哈希和所用规则参数的哈希，改动任何一笔都会对不上。
                最新一批的哈希（账本头）由平台密钥签名，公钥公开（GET
                /pool/keys）。用户以每批不同的代号显示，不公开身份。 任何人都可以运行 npm run verify-pool -- --api
                接口地址 下载账本、核对哈希链和签名，并用公开的规则逐笔重算，结果应与上面的数字分毫不差；记下账本头，
                日后加上 --expect-head 批次:哈希
                即可确认账本没有被改写。你也可以在“核对我的账目”中，在本机核对自己的每一笔。
              </Text>
            </View>
            <SignedHead />
            <Links links={pickLinks('poolCheck', 'price', 'leaderboard', 'rules')} />
          </View>
        )}
      </RemoteView>
    </View>
  );
}
