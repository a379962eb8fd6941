import { ApiError } from '../api/errors';

// What a shopper reads when something fails. Codes are the server's (docs/errors.md, the
// engine's RuleError codes) plus the client's own (network, not_logged_in, pending, pay_*,
// wechat_login_failed); the server's own message is English and for developers.
const BY_CODE: Record<string, string> = {
  network: '网络连接失败，请检查网络后重试',
  not_logged_in: '请先登录',
  invalid_token: '登录已过期，请重新登录',
  forbidden: '没有权限进行此操作',
  not_found: '没有找到相关内容，可能已被删除',
  product_not_found: '商品不存在或已下架',
  invalid_amount: '请输入正确的数量或金额',
  invalid_request: '提交的信息有误，请检查后重试',
  insufficient_points: '可用积分不足',
  insufficient_constant: '恒定积分余额不足',
  insufficient_store_credit: '消费币余额不足',
  insufficient_cash: '可提现余额不足',
  insufficient_treasury: '平台储备的绿色积分暂时不够兑回这么多，请减少金额或稍后再试',
  out_of_stock: '库存不足',
  supply_cap_reached: '积分已达发行上限，本单不再发放积分',
  idempotency_mismatch: '重复提交的内容不一致，请刷新页面后重试',
  idempotency_in_progress: '上一次操作仍在处理中，请稍候',
  rate_limited: '操作太频繁，请稍后再试',
  too_many_requests: '操作太频繁，请稍后再试',
  payload_too_large: '提交的内容过大',
  body_too_large: '提交的内容过大',
  below_minimum: '金额低于最低限额',
  withdrawal_below_minimum: '提现金额低于最低限额',
  withdrawal_daily_limit: '已超过今日提现限额，请明天再试或减少金额',
  price_zero: '当前价格无法计算，请稍后再试',
  login_failed: '登录失败，请重试',
  pay_cancelled: '支付未完成，可以稍后在订单中继续支付',
  pay_params_missing: '支付信息已过期，请取消订单后重新下单',
  token_expired: '登录已过期，请重新登录',
  invalid_status: '订单当前状态不能进行此操作，请刷新后查看',
  malformed_json: '提交的信息有误，请检查后重试',
  invalid_cursor: '列表已更新，请刷新后重试',
  amount_mismatch: '支付金额与订单不符',
  busy: '当前人数较多，请稍后重试',
  conflict: '当前人数较多，请稍后重试',
  internal: '服务暂时不可用，请稍后重试',
  pending: '正在处理，请稍后刷新查看结果',
  insufficient_held: '订单冻结的积分不足',
  insufficient_pending: '提现申请金额有误',
  insufficient_quota: '分红额度不足',
  amount_too_small: '数量太小，按当前价格不足 1 分钱',
  pool_empty: '分红池暂无资金，暂时无法卖出',
  invalid_referrer: '邀请人无效',
  idempotency_key_required: '请求缺少必要信息，请刷新后重试',
  invalid_idempotency_key: '请求缺少必要信息，请刷新后重试',
  wechat_login_failed: '微信登录失败，请重试',
  order_paid: '这笔订单刚刚已付款成功，不能取消；如不需要，可在订单中申请退款',
  refund_refused: '微信支付暂时无法退款，订单已恢复，可稍后重新申请，或点下方“联系客服”',
  close_refused: '微信支付暂时无法关闭这笔订单，请稍后再试',
  upstream_unavailable: '微信支付暂时无法连接，请稍后再试，订单没有变化',
  upstream_error: '微信支付暂时无法连接，请稍后再试',
  invalid_code: '微信登录失败，请重试',
  invalid_phone: '手机号码格式不正确，请填写 11 位手机号',
  invalid_region: '所在地区无效，请重新选择省、市、区',
  address_not_found: '这个地址不存在，可能已被删除，请重新选择',
  address_book_full: '最多保存 20 个地址，请先删除不用的地址',
  invalid_nickname: '昵称为 1–20 个字，可用中文、字母、数字和空格',
  invalid_avatar: '头像图片无效或太大，请换一张',
  order_cancelled: '订单超时未支付，已自动取消，请重新下单',
  wechat_confirm_failed: '微信确认收货没有完成，请稍后再点“确认收货”重试',
  // POST /me/delete refusals: what is still owed either way (docs/api.md).
  account_has_balance: '账户里还有积分或余额，请先卖出、提现或用完后再注销；如需帮助请联系客服',
  account_has_open_orders: '还有未完成的订单，请等订单完成或退款后再注销',
  account_has_open_withdrawals: '还有处理中的提现，请等提现到账或退回后再注销',
  account_has_open_after_sale: '还有处理中的售后申请，请等售后结束后再注销',
};

const BY_STATUS: Record<number, string> = {
  400: '提交的信息有误，请检查后重试',
  401: '登录已过期，请重新登录',
  403: '没有权限进行此操作',
  404: '没有找到相关内容',
  409: '当前状态不能进行此操作，请刷新后重试',
  413: '提交的内容过大',
  422: '不符合规则，操作未执行',
  429: '操作太频繁，请稍后再试',
  502: '支付服务暂时无法连接，请稍后再试',
};

/** A sentence in plain Chinese for any error; never a stack trace or an English code. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) {
    const text = BY_CODE[err.code];
    if (text) return text;
    if (err.code.startsWith('insufficient_')) return '余额不足';
    if (BY_STATUS[err.status]) return BY_STATUS[err.status];
    if (err.status >= 500) return '服务暂时不可用，请稍后重试';
    return '操作失败，请稍后重试';
  }
  return '出了点问题，请稍后重试';
}

export function isAuthError(err: unknown): boolean {
  return err instanceof ApiError && err.status === 401;
}
