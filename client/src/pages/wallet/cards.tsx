// The wallet's cards, one per action. Each checks its amount before sending, previews with the
// engine at the live pool (GET /pool's rules, not the engine's defaults), and reports in words.
import { useState } from 'react';
import { View, Text, Button } from '@tarojs/components';
import { dec, fmtPercent, minDec, quotaLeft, quoteSell, roundHalfUp, RuleError, truncate } from '@greenpoints/shared';
import { api, type Wallet } from '../../api';
import { fmtPoints, fmtPrice, fmtYuan, isPositiveDecimal } from '../../lib/format';
import { convertBackRoom, previewOutcome } from '../../lib/pool';
import { useAmountForm, type AmountForm } from '../../lib/useAmountForm';
import type { LivePool } from '../../lib/usePool';
import { Field } from '../../components/Field';
import { ErrorLine } from '../../components/StateView';
import { ActionButton, offIf } from '../../components/ActionButton';
import { Row, StatList } from '../../components/Stat';
import { askConsent } from '../../lib/subscribe';
import { go, ROUTES } from '../../lib/nav';

interface CardProps {
  wallet: Wallet;
  pool: LivePool;
  onDone: () => void;
}

/** The amount box and the error line every card has. */
function AmountInput<R>({ form, cls, placeholder }: { form: AmountForm<R>; cls: string; placeholder: string }) {
  return (
    <>
      <Field cls={cls} type="digit" placeholder={placeholder} value={form.input} onChange={form.setInput} />
      <ErrorLine text={form.error} />
    </>
  );
}

export function QuotaCard({ wallet: w }: { wallet: Wallet }) {
  const left = quotaLeft(w);
  const used = dec(w.quota).gt(0)
    ? roundHalfUp(minDec(100, dec(w.dividendsPaid).div(w.quota).mul(100)), 1).toString()
    : '0';
  return (
    <View className="card quota-card">
      <Text className="card-title">分红额度</Text>
      <StatList
        stats={[
          { label: '分红额度', value: fmtYuan(w.quota), cls: 'wallet-quota' },
          { label: '已分红', value: fmtYuan(w.dividendsPaid), cls: 'wallet-dividends-paid' },
          { label: '剩余额度', value: fmtYuan(left), cls: 'wallet-quota-left' },
        ]}
      />
      <View className="meter">
        <View className="meter-fill" style={{ width: `${used}%` }} />
      </View>
      <Text className="hint">
        每完成一笔订单按订单金额获得分红额度；每日分红按持有积分的比例发放现金，累计不超过额度。额度为 0
        时不参与分红。分红多少取决于当天的订单，不承诺收益。
      </Text>
    </View>
  );
}

type SellPreview = ReturnType<typeof quoteSell> & { points: string };

/** The engine's quote of a sell, with 确认卖出 and 取消. */
function SellQuote(props: {
  preview: SellPreview;
  feeRate: string;
  running: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { preview, feeRate, running } = props;
  return (
    <View className="sell-quote">
      <StatList
        stats={[
          { label: '卖出积分', value: fmtPoints(preview.points) },
          // 4 decimals: the payout and fee are rounded from this, so 2 would not add up
          { label: '按当前价格计', value: `¥${truncate(preview.gross, 4).toFixed(4)}`, cls: 'quote-gross' },
          { label: `手续费 ${fmtPercent(feeRate, 4)}（留在分红池）`, value: fmtYuan(preview.fee), cls: 'quote-fee' },
          { label: '预计到账', value: fmtYuan(preview.payout), cls: 'quote-payout' },
          { label: '卖出后价格', value: `¥${fmtPrice(preview.priceAfter)}`, cls: 'quote-price-after' },
        ]}
      />
      <Text className="hint">以成交时的实际价格为准；到账金额进入可提现余额。</Text>
      <ActionButton cls="btn-primary sell-confirm" busy={running} onClick={props.onConfirm}>
        确认卖出
      </ActionButton>
      <Button className="btn btn-plain sell-cancel" disabled={offIf(running)} onClick={props.onCancel}>
        取消
      </Button>
    </View>
  );
}

export function SellCard({ wallet, pool, onDone }: CardProps) {
  const [preview, setPreview] = useState<SellPreview | null>(null);
  const check = (points: string) => {
    if (!isPositiveDecimal(points, 6)) return '请输入要卖出的积分数量（最多 6 位小数）';
    if (dec(points).gt(wallet.equity)) return '可用积分不足';
    return '';
  };
  const form = useAmountForm(
    (points: string, key: string) => api.sell(points, key),
    check,
    () => {
      setPreview(null);
      onDone();
    },
  );
  const makePreview = () => {
    const points = form.input.trim();
    const problem = check(points);
    if (problem) return form.setError(problem);
    if (!pool.state) return form.setError('积分价格还没有加载，请稍后再试');
    try {
      setPreview({ ...quoteSell(pool.state, pool.params, points), points });
    } catch (e) {
      form.setError(e instanceof RuleError ? '这个数量现在无法卖出' : '无法计算预估结果');
    }
  };
  const sold = form.result;
  return (
    <View className="card sell-card">
      <Text className="card-title">卖出积分</Text>
      <AmountInput
        form={{
          ...form,
          setInput: (v) => {
            form.setInput(v);
            setPreview(null);
          },
        }}
        cls="sell-input"
        placeholder="卖出数量"
      />
      {!preview && (
        <Button className="btn btn-plain sell-preview" onClick={makePreview}>
          预览
        </Button>
      )}
      {preview && (
        <SellQuote
          preview={preview}
          feeRate={pool.params.sellFeeRate}
          running={form.running}
          onConfirm={() => form.submit(preview.points)}
          onCancel={() => setPreview(null)}
        />
      )}
      {sold && (
        <View className="ok-line sell-done">
          已卖出 {fmtPoints(sold.points)} 积分，到账 {fmtYuan(sold.payout)}（手续费 {fmtYuan(sold.fee)}）
        </View>
      )}
    </View>
  );
}

/** A live engine preview line under an amount box: what the shopper would get, or why not. */
function tryPreview(valid: boolean, run: () => string): { text: string; refused: string } {
  if (!valid) return { text: '', refused: '' };
  try {
    return { text: run(), refused: '' };
  } catch (e) {
    return { text: '', refused: e instanceof RuleError ? e.code : 'internal' };
  }
}

export function ConvertCard({ wallet, pool, onDone }: CardProps) {
  const form = useAmountForm(
    (points: string, key: string) => api.convert(points, key),
    (points) =>
      !isPositiveDecimal(points, 6) ? '请输入要兑换的积分数量' : dec(points).gt(wallet.equity) ? '可用积分不足' : '',
    onDone,
  );
  const points = form.input.trim();
  const preview = tryPreview(!!pool.state && isPositiveDecimal(points, 6), () => {
    const o = previewOutcome(pool.state!, pool.params, { equity: wallet.equity }, { kind: 'convert', points });
    return `按当前价格约得 ${fmtYuan(o.constant)} 恒定积分`;
  });
  return (
    <View className="card convert-card">
      <Text className="card-title">兑换恒定积分</Text>
      <Text className="hint">
        按今日价格把绿色积分换成恒定积分（1 恒定积分 = 1 元，可在商城消费），金额向下取整到分。
      </Text>
      <AmountInput form={form} cls="convert-input" placeholder="兑换的积分数量" />
      {preview.text ? <Text className="hint convert-preview">{preview.text}</Text> : null}
      {preview.refused ? (
        <Text className="hint convert-preview">
          {preview.refused.startsWith('insufficient_') ? '可用积分不足' : '这个数量现在无法兑换'}
        </Text>
      ) : null}
      <ActionButton cls="btn-plain convert-submit" busy={form.running} onClick={() => form.submit()}>
        兑换
      </ActionButton>
      {form.result && (
        <View className="ok-line convert-done">
          已用 {fmtPoints(form.result.points)} 积分兑换 {fmtYuan(form.result.constant)} 恒定积分
        </View>
      )}
    </View>
  );
}

/** Why a convert-back cannot happen, for a shopper: no codes, and what they can do instead. */
function convertBackRefusal(code: string, room: string): string {
  if (code === 'insufficient_treasury') {
    return dec(room).gt(0)
      ? `平台储备的绿色积分暂时不够：目前最多可兑回约 ${fmtYuan(room)}，请减少金额或稍后再试。`
      : '平台目前没有储备的绿色积分可以兑回（储备来自其他用户兑换恒定积分），请稍后再试。';
  }
  if (code === 'insufficient_constant') return '恒定积分余额不足';
  if (code === 'amount_too_small') return '金额太小，按当前价格换不到 0.000001 积分';
  return '这个金额现在无法兑回';
}

export function ConvertBackCard({ wallet, pool, onDone }: CardProps) {
  const room = pool.state ? convertBackRoom(pool.state) : '0';
  const form = useAmountForm(
    (amount: string, key: string) => api.convertBack(amount, key),
    (amount) => (!isPositiveDecimal(amount, 2) ? '请输入兑回的金额（元，最多 2 位小数）' : ''),
    onDone,
  );
  const amount = form.input.trim();
  // points = floor6(amount / price), refused when the treasury holds fewer (docs/rules.md event 5).
  const preview = tryPreview(!!pool.state && isPositiveDecimal(amount, 2), () => {
    const o = previewOutcome(pool.state!, pool.params, { constant: wallet.constant }, { kind: 'convert_back', amount });
    return `按当前价格约得 ${fmtPoints(o.points)} 绿色积分`;
  });
  const refused = preview.refused ? convertBackRefusal(preview.refused, room) : '';
  return (
    <View className="card convert-back-card">
      <Text className="card-title">恒定积分兑回</Text>
      <Text className="hint">
        把恒定积分按今日价格换回绿色积分（积分数向下取整到 0.000001）。换回的积分来自平台储备，储备不足时无法兑回。
      </Text>
      <Row label="恒定积分余额" value={fmtYuan(wallet.constant)} cls="convert-back-balance" />
      <AmountInput form={form} cls="convert-back-input" placeholder="兑回金额（元）" />
      {preview.text ? <Text className="hint convert-back-preview">{preview.text}</Text> : null}
      {refused ? <Text className="hint convert-back-refused">{refused}</Text> : null}
      <ActionButton
        cls="btn-plain convert-back-submit"
        busy={form.running}
        disabled={!!refused}
        onClick={() => (refused ? undefined : form.submit())}
      >
        兑回
      </ActionButton>
      {form.result && (
        <View className="ok-line convert-back-done">
          已用 {fmtYuan(form.result.amount)} 恒定积分换回 {fmtPoints(form.result.points)} 绿色积分
        </View>
      )}
    </View>
  );
}

export function WithdrawCard({ wallet, onDone }: Omit<CardProps, 'pool'>) {
  const form = useAmountForm(
    async (amount: string, key: string) => {
      await askConsent('withdrawal'); // the paid-out message comes after staff approval
      return api.withdraw(amount, key);
    },
    (amount) =>
      !isPositiveDecimal(amount, 2)
        ? '请输入提现金额（最多 2 位小数）'
        : dec(amount).gt(wallet.cash)
          ? '可提现余额不足'
          : '',
    onDone,
  );
  return (
    <View className="card withdraw-card">
      <Text className="card-title">提现</Text>
      <AmountInput form={form} cls="withdraw-input" placeholder="提现金额（元）" />
      <ActionButton cls="btn-plain withdraw-submit" busy={form.running} onClick={() => form.submit()}>
        申请提现
      </ActionButton>
      {form.result && (
        <View className="ok-line withdraw-done" onClick={() => go(ROUTES.withdrawals)}>
          提现申请已提交，审核通过后请在“提现记录”中确认收款 ›
        </View>
      )}
    </View>
  );
}
