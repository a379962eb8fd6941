// Subscription messages (订阅消息) after a business step: shipped, points granted, after-sale
// decided, withdrawal paid. The step is already committed when this runs; a missing template,
// a user without consent or an unreachable WeChat is logged and never fails the step.
import { thing, type SubscribeMessage } from '../adapters/wechat/types';
import { isLocalStage } from '../stage';
import { log } from '../log';
import type { Deps } from './deps';

export type NoticeKind = 'shipped' | 'points' | 'after_sale' | 'withdrawal';

/** The env var holding each kind's template id (chosen in the mini-program console). */
export const TEMPLATE_ENV: Record<NoticeKind, string> = {
  shipped: 'WECHAT_TMPL_SHIPPED',
  points: 'WECHAT_TMPL_POINTS',
  after_sale: 'WECHAT_TMPL_AFTER_SALE',
  withdrawal: 'WECHAT_TMPL_WITHDRAWAL',
};

/** Local stage: a stand-in template id, so the sandbox records every kind. */
function templateId(kind: NoticeKind): string | undefined {
  const v = process.env[TEMPLATE_ENV[kind]]?.trim();
  if (v) return v;
  return isLocalStage() ? `local-${kind}` : undefined;
}

const cn = (iso: string) => {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000); // China time
  return d.toISOString().slice(0, 16).replace('T', ' ');
};

/** The template fields of each kind (docs/wechat.md lists them for choosing templates). */
export function noticeData(kind: NoticeKind, f: Record<string, string>): Record<string, string> {
  switch (kind) {
    case 'shipped':
      return {
        thing1: thing(f.goods ?? ''),
        thing2: thing(f.carrier ?? ''),
        character_string3: (f.trackingNo ?? '-').slice(0, 32),
        time4: cn(f.at ?? new Date().toISOString()),
      };
    case 'points':
      return { thing1: thing(f.goods ?? ''), number2: f.points ?? '0', time3: cn(f.at ?? new Date().toISOString()) };
    case 'after_sale':
      return {
        thing1: thing(f.goods ?? ''),
        phrase2: f.approved === 'true' ? '已同意' : '已拒绝',
        thing3: thing(f.note || '-'),
      };
    case 'withdrawal':
      return { amount1: `¥${f.amount ?? '0.00'}`, phrase2: '已到账', time3: cn(f.at ?? new Date().toISOString()) };
  }
}

export interface NoticeResult {
  sent: boolean;
  why?: string;
}

/** Sends one notice; never throws (bounded: one attempt, the adapter's own token retry). */
export async function notify(
  d: Pick<Deps, 'users' | 'wechatSubscribe'>,
  userId: string,
  kind: NoticeKind,
  fields: Record<string, string>,
  page?: string,
): Promise<NoticeResult> {
  try {
    const tmpl = templateId(kind);
    if (!tmpl) return { sent: false, why: `${TEMPLATE_ENV[kind]} not set` };
    const u = await d.users.get(userId);
    if (!u?.openId) return { sent: false, why: 'no openId' };
    const m: SubscribeMessage = {
      openId: u.openId,
      templateId: tmpl,
      data: noticeData(kind, fields),
      ...(page ? { page } : {}),
    };
    await d.wechatSubscribe().send(m);
    return { sent: true };
  } catch (e) {
    const why = (e as { code?: string }).code ?? (e as Error).message;
    log.warn('subscription message not sent', { kind, userId, why });
    return { sent: false, why };
  }
}

/** The goods of an order in a few characters ("五常大米 10kg 等 2 件"). */
export function goodsOf(items: Array<{ name: string }>): string {
  if (items.length === 0) return '-';
  return items.length === 1 ? items[0]!.name : `${items[0]!.name} 等 ${items.length} 件`;
}
