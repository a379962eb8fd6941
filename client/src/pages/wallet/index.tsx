import { useState } from 'react'
import { View, Text, Button, Input } from '@tarojs/components'
import Decimal from 'decimal.js'
import { quoteSell, RuleError } from '@greenpoints/shared'
import { api, type ConvertAnswer, type SellAnswer, type WithdrawalAnswer } from '../../api'
import { useAction, useRemote } from '../../lib/hooks'
import { go, ROUTES } from '../../lib/nav'
import { fmtPoints, fmtPrice, fmtYuan, isPositiveDecimal } from '../../lib/format'
import { previewParams, toPoolState } from '../../lib/pool'
import { ErrorLine, StateView } from '../../components/StateView'
import { TabNav } from '../../components/TabNav'

interface Preview {
  points: string
  gross: string
  fee: string
  payout: string
  priceBefore: string
  priceAfter: string
}

function Row({ label, value, cls }: { label: string; value: string; cls?: string }) {
  return (
    <View className='row'>
      <Text className='row-label'>{label}</Text>
      <Text className={`row-value ${cls ?? ''}`}>{value}</Text>
    </View>
  )
}

export default function WalletPage() {
  const wallet = useRemote(() => api.wallet())
  const pool = useRemote(() => api.pool())
  const reloadAll = () => {
    wallet.reload()
    pool.reload()
  }

  // Sell: preview with the engine first, then confirm.
  const [sellInput, setSellInput] = useState('')
  const [preview, setPreview] = useState<Preview | null>(null)
  const [sellError, setSellError] = useState('')
  const [sold, setSold] = useState<SellAnswer | null>(null)
  const sell = useAction((points: string, key: string) => api.sell(points, key))

  const makePreview = () => {
    setSellError('')
    setSold(null)
    const points = sellInput.trim()
    if (!isPositiveDecimal(points, 6)) {
      setSellError('请输入要卖出的积分数量（最多 6 位小数）')
      return
    }
    if (wallet.data && new Decimal(points).gt(wallet.data.equity)) {
      setSellError('可用积分不足')
      return
    }
    if (!pool.data) {
      setSellError('积分价格还没有加载，请稍后再试')
      return
    }
    try {
      const q = quoteSell(toPoolState(pool.data), previewParams(pool.data), points)
      setPreview({ ...q, points })
    } catch (e) {
      setSellError(e instanceof RuleError ? '这个数量现在无法卖出' : '无法计算预估结果')
    }
  }

  const confirmSell = async () => {
    if (!preview) return
    const r = await sell.run(preview.points)
    if (r) {
      setSold(r)
      setPreview(null)
      setSellInput('')
      reloadAll()
    }
  }

  // Convert equity -> constant
  const [convInput, setConvInput] = useState('')
  const [convError, setConvError] = useState('')
  const [converted, setConverted] = useState<ConvertAnswer | null>(null)
  const convert = useAction((points: string, key: string) => api.convert(points, key))
  const doConvert = async () => {
    setConvError('')
    setConverted(null)
    const points = convInput.trim()
    if (!isPositiveDecimal(points, 6)) {
      setConvError('请输入要兑换的积分数量')
      return
    }
    const r = await convert.run(points)
    if (r) {
      setConverted(r)
      setConvInput('')
      reloadAll()
    }
  }

  // Withdraw cash
  const [wdInput, setWdInput] = useState('')
  const [wdError, setWdError] = useState('')
  const [withdrawal, setWithdrawal] = useState<WithdrawalAnswer | null>(null)
  const withdraw = useAction((amount: string, key: string) => api.withdraw(amount, key))
  const doWithdraw = async () => {
    setWdError('')
    setWithdrawal(null)
    const amount = wdInput.trim()
    if (!isPositiveDecimal(amount, 2)) {
      setWdError('请输入提现金额（最多 2 位小数）')
      return
    }
    if (wallet.data && new Decimal(amount).gt(wallet.data.cash)) {
      setWdError('可提现余额不足')
      return
    }
    const r = await withdraw.run(amount)
    if (r) {
      setWithdrawal(r)
      setWdInput('')
      reloadAll()
    }
  }

  const w = wallet.data
  const p = pool.data
  return (
    <View className='page page-wallet'>
      <StateView loading={wallet.loading && !w} error={wallet.error} onRetry={reloadAll}>
        {w && (
          <View>
            <View className='card wallet-summary'>
              <Text className='label'>绿色积分（可用）</Text>
              <Text className='big wallet-equity'>{fmtPoints(w.equity)}</Text>
              <Row label='今日价格' value={p ? `¥${fmtPrice(p.price)} / 积分` : '…'} cls='wallet-price' />
              <Row label='按今日价格折合' value={fmtYuan(w.equityValue)} cls='wallet-value' />
              <Row label='待释放积分' value={fmtPoints(w.equityLocked)} cls='wallet-locked' />
              <Row label='恒定积分' value={fmtYuan(w.constant)} cls='wallet-constant' />
              <Row label='消费币' value={fmtYuan(w.storeCredit)} cls='wallet-store-credit' />
              <Row label='可提现余额' value={fmtYuan(w.cash)} cls='wallet-cash' />
              {w.cashPending && new Decimal(w.cashPending).gt(0) ? (
                <Row label='提现审核中' value={fmtYuan(w.cashPending)} cls='wallet-cash-pending' />
              ) : null}
              <Row label='分红额度（已用 / 总额）' value={`${fmtYuan(w.dividendsPaid)} / ${fmtYuan(w.quota)}`} />
              <Row label='会员等级' value={w.level || '—'} cls='wallet-level' />
              <Text className='hint'>折合金额按今日价格计算，只是参考，价格会变化，不承诺收益。</Text>
            </View>

            <View className='card sell-card'>
              <Text className='card-title'>卖出积分</Text>
              <Input
                className='input sell-input'
                type='digit'
                placeholder='卖出数量'
                value={sellInput}
                onInput={(e) => {
                  setSellInput(e.detail.value)
                  setPreview(null)
                }}
              />
              <ErrorLine text={sellError || sell.error} />
              {!preview && (
                <Button className='btn btn-plain sell-preview' onClick={makePreview}>
                  预览
                </Button>
              )}
              {preview && (
                <View className='sell-quote'>
                  <Row label='卖出积分' value={fmtPoints(preview.points)} />
                  {/* 4 decimals: the payout and fee are rounded from this, so 2 would not add up */}
                  <Row label='按当前价格计' value={`¥${new Decimal(preview.gross).toFixed(4, Decimal.ROUND_DOWN)}`} cls='quote-gross' />
                  <Row label='手续费（留在分红池）' value={fmtYuan(preview.fee)} cls='quote-fee' />
                  <Row label='预计到账' value={fmtYuan(preview.payout)} cls='quote-payout' />
                  <Row label='卖出后价格' value={`¥${fmtPrice(preview.priceAfter)}`} cls='quote-price-after' />
                  <Text className='hint'>以成交时的实际价格为准；到账金额进入可提现余额。</Text>
                  <Button
                    className='btn btn-primary sell-confirm'
                    loading={sell.running}
                    disabled={sell.running}
                    onClick={confirmSell}
                  >
                    确认卖出
                  </Button>
                  <Button className='btn btn-plain sell-cancel' disabled={sell.running} onClick={() => setPreview(null)}>
                    取消
                  </Button>
                </View>
              )}
              {sold && (
                <View className='ok-line sell-done'>
                  已卖出 {fmtPoints(sold.points)} 积分，到账 {fmtYuan(sold.payout)}（手续费 {fmtYuan(sold.fee)}）
                </View>
              )}
            </View>

            <View className='card convert-card'>
              <Text className='card-title'>兑换恒定积分</Text>
              <Text className='hint'>按今日价格把绿色积分换成恒定积分（1 恒定积分 = 1 元，可在商城消费）。</Text>
              <Input
                className='input convert-input'
                type='digit'
                placeholder='兑换的积分数量'
                value={convInput}
                onInput={(e) => setConvInput(e.detail.value)}
              />
              <ErrorLine text={convError || convert.error} />
              <Button className='btn btn-plain convert-submit' loading={convert.running} disabled={convert.running} onClick={doConvert}>
                兑换
              </Button>
              {converted && (
                <View className='ok-line convert-done'>
                  已用 {fmtPoints(converted.points)} 积分兑换 {fmtYuan(converted.constant)} 恒定积分
                </View>
              )}
            </View>

            <View className='card withdraw-card'>
              <Text className='card-title'>提现</Text>
              <Input
                className='input withdraw-input'
                type='digit'
                placeholder='提现金额（元）'
                value={wdInput}
                onInput={(e) => setWdInput(e.detail.value)}
              />
              <ErrorLine text={wdError || withdraw.error} />
              <Button className='btn btn-plain withdraw-submit' loading={withdraw.running} disabled={withdraw.running} onClick={doWithdraw}>
                申请提现
              </Button>
              {withdrawal && <View className='ok-line withdraw-done'>提现申请已提交，审核后到账</View>}
            </View>

            <View className='card grid'>
              <View className='grid-item' onClick={() => go(ROUTES.ledger)}>
                <Text>明细</Text>
              </View>
              <View className='grid-item' onClick={() => go(ROUTES.price)}>
                <Text>价格走势</Text>
              </View>
              <View className='grid-item' onClick={() => go(ROUTES.pool)}>
                <Text>分红池</Text>
              </View>
            </View>
          </View>
        )}
      </StateView>
      <TabNav current={ROUTES.wallet} />
    </View>
  )
}
