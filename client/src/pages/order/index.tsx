import { useState } from 'react'
import { View, Text, Button } from '@tarojs/components'
import { api, type Order } from '../../api'
import { useAction, useRemote } from '../../lib/hooks'
import { go, ROUTES, useQueryParam } from '../../lib/nav'
import { payOrder } from '../../lib/pay'
import {
  canCancel,
  canConfirm,
  canRefund,
  fmtPoints,
  fmtPrice,
  fmtTime,
  fmtYuan,
  isUnpaid,
  orderStatusText,
  PAY_WITH,
} from '../../lib/format'
import { ErrorLine, StateView } from '../../components/StateView'

export default function OrderPage() {
  const id = useQueryParam('id')
  const remote = useRemote(() => api.order(id), [id])
  // The answer of an action is newer than what was loaded: show it until the next reload.
  const [patch, setPatch] = useState<Partial<Order>>({})
  const order = remote.data ? { ...remote.data, ...patch } : undefined
  const [done, setDone] = useState('')

  const pay = useAction((orderId: string, key: string) => payOrder(orderId, key))
  const confirm = useAction((orderId: string, key: string) => api.confirmOrder(orderId, key))
  const refund = useAction((orderId: string, key: string) => api.refundOrder(orderId, key))
  const busy = pay.running || confirm.running || refund.running

  const after = (r: Partial<Order> | undefined, msg: string) => {
    if (!r) return
    setPatch((p) => ({ ...p, ...r }))
    setDone(msg)
    remote.reload()
  }

  return (
    <View className='page page-order'>
      <StateView loading={remote.loading} error={remote.error} onRetry={remote.reload}>
        {order && (
          <View>
            <View className='card'>
              <View className='row'>
                <Text className='muted'>订单 {order.orderId}</Text>
                <Text className='tag order-status'>{orderStatusText(order.status)}</Text>
              </View>
              {order.items?.map((it) => (
                <View key={it.productId} className='row'>
                  <Text>{it.name ?? it.productId}</Text>
                  <Text>
                    {it.price ? fmtYuan(it.price) : ''} × {it.qty}
                  </Text>
                </View>
              ))}
              <View className='row'>
                <Text className='row-label'>订单金额</Text>
                <Text className='row-value order-amount'>{fmtYuan(order.amount)}</Text>
              </View>
              {order.payWith && (
                <View className='row'>
                  <Text className='row-label'>支付方式</Text>
                  <Text>{PAY_WITH[order.payWith] ?? order.payWith}</Text>
                </View>
              )}
              {order.pointsCost && (
                <View className='row'>
                  <Text className='row-label'>兑换所用积分</Text>
                  <Text>{fmtPoints(order.pointsCost)}</Text>
                </View>
              )}
              {order.address && (
                <View className='row'>
                  <Text className='row-label'>收货地址</Text>
                  <Text>
                    {order.address.region} {order.address.detail}
                  </Text>
                </View>
              )}
              {order.createdAt ? <Text className='muted'>{fmtTime(order.createdAt)}</Text> : null}
            </View>

            {order.status === 'completed' && order.pointsGranted !== undefined && (
              <View className='card order-reward'>
                <Text className='label'>本单获赠积分</Text>
                <Text className='big points-granted'>{fmtPoints(order.pointsGranted)}</Text>
                {order.priceAfter && <Text className='hint price-after'>订单完成后的积分价格 ¥{fmtPrice(order.priceAfter)}</Text>}
                <Button className='btn btn-plain to-wallet' onClick={() => go(ROUTES.wallet)}>
                  查看积分钱包
                </Button>
              </View>
            )}

            {done && <View className='ok-line action-done'>{done}</View>}
            <ErrorLine text={pay.error || confirm.error || refund.error} />

            {isUnpaid(order.status) && (
              <Button
                className='btn btn-primary pay-order'
                loading={pay.running}
                disabled={busy}
                onClick={async () => after(await pay.run(order.orderId), '支付成功')}
              >
                {order.payWith === 'wechat' || !order.payWith ? '微信支付' : '确认支付'} {fmtYuan(order.amount)}
              </Button>
            )}
            {canConfirm(order.status) && (
              <Button
                className='btn btn-primary confirm-order'
                loading={confirm.running}
                disabled={busy}
                onClick={async () => after(await confirm.run(order.orderId), '已确认收货，订单完成')}
              >
                确认收货
              </Button>
            )}
            {canRefund(order.status) && (
              <Button
                className='btn btn-danger refund-order'
                loading={refund.running}
                disabled={busy}
                onClick={async () => after(await refund.run(order.orderId), '已退款')}
              >
                申请退款
              </Button>
            )}
            {canCancel(order.status) && (
              <Button
                className='btn btn-plain cancel-order'
                loading={refund.running}
                disabled={busy}
                onClick={async () => after(await refund.run(order.orderId), '订单已取消')}
              >
                取消订单
              </Button>
            )}
            {order.status === 'paid' && <Text className='hint order-wait-ship'>商家发货后即可确认收货。</Text>}
            {order.status === 'completing' && (
              <Text className='hint' onClick={remote.reload}>
                订单正在完成，积分马上到账，点此刷新。
              </Text>
            )}
            {canRefund(order.status) && <Text className='hint'>确认收货前可以退款；退款的订单不发放积分。</Text>}
          </View>
        )}
      </StateView>
    </View>
  )
}
