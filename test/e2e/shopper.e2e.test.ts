// The shopper's path end to end in Chromium at phone size: dev login, buy the 100-yuan
// product, pay, (staff ships), confirm receipt (the after-sale window), its end (complete-due),
// see the points and the price in the wallet,
// preview and sell some points, see the cash; the quota and level, convert and convert back;
// 排行榜 from 我的 and the team page; then a return inside the window. Each page is saved as a
// screenshot for review.
import fs from 'fs';
import { dec } from '@greenpoints/shared';
import type { Page } from 'playwright-core';
import { launch, SCREENS, shot, top } from './browser';

const H5_URL = process.env.H5_URL;
const API_URL = process.env.API_URL;
const ready = !!H5_URL && !!API_URL;

if (!ready) {
  const msg = 'e2e: H5_URL and API_URL are not set; run it through `npm test` (scripts/test.js starts the stack)';
  if (process.env.CI) {
    test('the e2e environment is set', () => {
      throw new Error(msg);
    });
  } else {
    console.warn(`\n\n!!!!!!!!!! ${msg}: SKIPPED !!!!!!!!!!\n`);
  }
}

const suite = ready ? describe : describe.skip;
// A browser, a stack shared with other suites, a pool applier: minutes, not jest's 5 s.
jest.setTimeout(180000);

async function api<T>(method: string, p: string, token?: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  if (body) Object.assign(headers, { 'Content-Type': 'application/json', 'Idempotency-Key': `e2e${Date.now()}` });
  const r = await fetch(`${API_URL}${p}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
  if (!r.ok) throw new Error(`${method} ${p}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

async function staff(name: string, input: Record<string, unknown>) {
  process.env.STAGE ??= 'local';
  process.env.TABLE_NAME ??= 'greenpoints-local';
  if (!process.env.DDB_ENDPOINT) throw new Error('DDB_ENDPOINT is not set: the e2e test ships the order as staff');
  const { staffSigned } = await import('../staff-call');
  const out = (await staffSigned('staff-e2e', name, input)) as { ok: boolean };
  if (!out.ok) throw new Error(`staff ${name}: ${JSON.stringify(out)}`);
  return out;
}

/** Opens a page by URL (a fresh load, so it is the only page on the stack). */
async function open(page: Page, route: string, cls: string) {
  await page.goto(`${H5_URL}/?_=${Date.now()}#${route}`);
  await top(page).locator(`.${cls}`).first().waitFor({ timeout: 20000 });
}

const session = { token: '' };

suite('shopper in Chromium', () => {
  let browser: Awaited<ReturnType<typeof launch>>;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(SCREENS, { recursive: true });
    browser = await launch();
    page = browser.page;
    page.on('pageerror', (e) => errors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
  });

  test('login, buy, pay, confirm, see points and price, preview and sell, see the cash', async () => {
    // --- dev login
    await open(page, '/pages/login/index', 'page-login');
    await shot(page, '01-login');
    const nick = `e2e-${Date.now().toString(36)}`;
    await top(page).locator('.login-name input').fill(nick);
    await top(page).locator('.login-submit').click();
    await top(page).locator('.page-home .product-card').first().waitFor();
    const token = await page.evaluate(() => {
      const raw = localStorage.getItem('gp.token');
      // Taro's H5 storage wraps values as {"data": …}.
      try {
        return (JSON.parse(raw ?? '') as { data: string }).data;
      } catch {
        return raw ?? '';
      }
    });
    expect(token).toBeTruthy();
    session.token = token;

    // --- the 100-yuan product
    const card = top(page).locator('.product-card', { hasText: '¥100.00' }).first();
    await card.waitFor();
    await top(page).locator('.home-price').filter({ hasText: '¥' }).waitFor();
    await shot(page, '02-home');
    await card.click();
    await top(page).locator('.page-product .buy-now').waitFor();
    await shot(page, '03-product');
    // The address book entry the checkout picks by default (the region picker: shop.e2e).
    await api('POST', '/addresses', token, {
      name: '张三',
      phone: '13800138000',
      regionCode: '330106',
      detail: '文三路 1 号',
    });
    await top(page).locator('.buy-now').click();

    // --- checkout with WeChat Pay (the local sandbox), to the default address
    await top(page).locator('.page-cart .place-order').waitFor();
    await top(page).locator('.checkout-address-text', { hasText: '西湖区 文三路 1 号' }).waitFor();
    await expect(top(page).locator('.cart-total').textContent()).resolves.toBe('¥100.00');
    await shot(page, '04-cart');
    await top(page).locator('.place-order').click();
    await top(page).locator('.page-order .pay-order').waitFor();
    const hash = page.url().split('#')[1] ?? '';
    const orderId = new URLSearchParams(hash.split('?')[1] ?? '').get('id') ?? '';
    expect(orderId).not.toBe('');
    await shot(page, '05-order-created');
    await top(page).locator('.pay-order').click();
    await top(page).locator('.order-wait-ship').waitFor();
    await expect(top(page).locator('.order-status').textContent()).resolves.toBe('已支付，待发货');
    await shot(page, '06-order-paid');

    // --- the merchant ships (a staff function), the shopper confirms receipt
    await staff('ship-order', { orderId, carrier: '顺丰速运', trackingNo: 'SF2026120101' });
    await open(page, `/pages/order/index?id=${orderId}`, 'confirm-order');
    await shot(page, '07-order-shipped');
    await top(page).locator('.confirm-order').click();
    // Receipt opens the after-sale window: its end and the points to come are shown.
    await top(page).locator('.after-sale-until').waitFor({ timeout: 30000 });
    const until = (await top(page).locator('.after-sale-until').textContent()) ?? '';
    expect(until).toMatch(/^售后期至 \d{1,2}月\d{1,2}日，届时按当日价格发放约 [\d.]+ 积分$/);
    const received = await api<{ status: string; completesAt: string; trackingNo: string }>(
      'GET',
      `/orders/${orderId}`,
      token,
    );
    expect(received.status).toBe('received');
    await expect(top(page).locator('.tracking-no').textContent()).resolves.toContain(received.trackingNo);
    await shot(page, '07b-order-received');
    // The window's end (the local stand-in clock), then the points.
    await staff('complete-due', {
      now: new Date(Date.parse(received.completesAt) + 1000).toISOString(),
      orderIds: [orderId],
    });
    await open(page, `/pages/order/index?id=${orderId}`, 'points-granted');
    const granted = (await top(page).locator('.points-granted').textContent()) ?? '';
    const order = await api<{ status: string; pointsGranted: string; priceAfter: string }>(
      'GET',
      `/orders/${orderId}`,
      token,
    );
    expect(order.status).toBe('completed');
    expect(dec(granted).eq(order.pointsGranted)).toBe(true);
    expect(dec(granted).gt(0)).toBe(true);
    await shot(page, '08-order-completed');

    // --- the wallet: the points and today's price
    await top(page).locator('.to-wallet').click();
    await top(page).locator('.page-wallet .wallet-equity').waitFor();
    await top(page).locator('.wallet-price').filter({ hasText: '¥' }).waitFor();
    expect(await top(page).locator('.wallet-equity').textContent()).toBe(dec(order.pointsGranted).toFixed());
    const shownPrice = ((await top(page).locator('.wallet-price').textContent()) ?? '').replace(/[¥\s]|\/ 积分/g, '');
    const poolNow = await api<{ priceDisplay: string; seq: number }>('GET', '/pool');
    // Other suites share the stack: the price shown is a price the pool had at or before now.
    expect(shownPrice).toMatch(/^\d+\.\d{4}$/);
    expect(dec(shownPrice).lte(poolNow.priceDisplay)).toBe(true);
    await shot(page, '09-wallet');

    // --- preview, then sell one point
    await top(page).locator('.sell-input input').fill('1');
    await top(page).locator('.sell-preview').click();
    await top(page).locator('.quote-payout').waitFor();
    const preview = {
      fee: ((await top(page).locator('.quote-fee').textContent()) ?? '').replace('¥', ''),
      payout: ((await top(page).locator('.quote-payout').textContent()) ?? '').replace('¥', ''),
    };
    expect(dec(preview.payout).gt(0)).toBe(true);
    expect(dec(preview.fee).gt(0)).toBe(true);
    await shot(page, '10-sell-preview');
    await top(page).locator('.sell-confirm').dblclick(); // a double tap must sell once
    await top(page).locator('.sell-done').waitFor({ timeout: 30000 });
    const done = (await top(page).locator('.sell-done').textContent()) ?? '';
    const paid = /到账 ¥(\d+\.\d{2})/.exec(done)?.[1] ?? '';
    expect(paid).not.toBe('');
    // The wallet now shows the cash the server holds, and exactly one point left the wallet.
    const w = await api<{ cash: string; equity: string }>('GET', '/wallet', token);
    expect(w.cash).toBe(paid);
    expect(dec(w.equity).eq(dec(order.pointsGranted).minus(1))).toBe(true);
    await top(page)
      .locator('.wallet-cash', { hasText: `¥${paid}` })
      .waitFor();
    await top(page)
      .locator('.wallet-equity', { hasText: dec(w.equity).toFixed() })
      .waitFor();
    await shot(page, '11-wallet-after-sell');

    // --- the programme in the wallet: the quota the order earned, the level, convert and convert back
    const full = await api<{ quota: string; dividendsPaid: string; level: string }>('GET', '/wallet', token);
    expect(dec(full.quota).gt(0)).toBe(true);
    await expect(top(page).locator('.wallet-quota').textContent()).resolves.toBe(`¥${full.quota}`);
    await expect(top(page).locator('.wallet-dividends-paid').textContent()).resolves.toBe(`¥${full.dividendsPaid}`);
    await expect(top(page).locator('.level-badge').textContent()).resolves.toContain(full.level);
    await top(page).locator('.convert-input input').fill('1');
    await top(page).locator('.convert-preview').waitFor();
    await top(page).locator('.convert-submit').click();
    await top(page).locator('.convert-done').waitFor({ timeout: 30000 });
    // The button is readable again once the call is done: its label, and no [disabled] attribute
    // (disabled="false" made Taro's CSS paint the label white on the white card).
    await expect(top(page).locator('.convert-submit').textContent()).resolves.toBe('兑换');
    expect(await top(page).locator('.convert-submit').getAttribute('disabled')).toBeNull();
    const constant = (await api<{ constant: string }>('GET', '/wallet', token)).constant;
    expect(dec(constant).gt(1)).toBe(true);
    await top(page)
      .locator('.wallet-constant', { hasText: `¥${constant}` })
      .waitFor();
    // Back: 1 yuan of constant points for floor6(1 / price) points out of the treasury.
    await top(page).locator('.convert-back-input input').fill('1');
    const previewText = (await top(page).locator('.convert-back-preview').textContent()) ?? '';
    expect(previewText).toMatch(/约得 0\.\d+ 绿色积分/);
    await top(page).locator('.convert-back-card').scrollIntoViewIfNeeded();
    await shot(page, '11b-wallet-convert-back');
    await top(page).locator('.convert-back-submit').click();
    await top(page).locator('.convert-back-done').waitFor({ timeout: 30000 });
    const back = (await top(page).locator('.convert-back-done').textContent()) ?? '';
    expect(back).toContain('已用 ¥1.00 恒定积分换回');
    const afterBack = await api<{ constant: string }>('GET', '/wallet', token);
    expect(dec(afterBack.constant).eq(dec(constant).minus(1))).toBe(true);
    await top(page).locator('.quota-card').scrollIntoViewIfNeeded();
    await shot(page, '11c-wallet-quota');

    // --- 排行榜 from 我的, and the team page
    await open(page, '/pages/mine/index', 'link-leaderboard');
    await top(page).locator('.link-leaderboard').click();
    await top(page).locator('.page-leaderboard .leader-row').first().waitFor();
    expect(await top(page).locator('.state-error').count()).toBe(0);
    const board = await api<{ top: Array<{ name: string; me?: boolean }> }>('GET', '/leaderboard', token);
    expect(await top(page).locator('.leader-row').count()).toBe(board.top.length);
    expect(await top(page).locator('.leader-me').count()).toBe(board.top.some((r) => r.me) ? 1 : 0);
    await expect(top(page).locator('.leader-notice').textContent()).resolves.toContain('排名不代表收益');
    await shot(page, '20-leaderboard');

    // --- the other pages, one screenshot each, each with its content (not an error)
    const tour: Array<[string, string, string]> = [
      ['/pages/orders/index', `order-${orderId}`, '12-orders'],
      ['/pages/ledger/index', 'ledger-row', '13-ledger'],
      ['/pages/price/index', 'price-chart-drawn', '14-price'],
      ['/pages/pool/index', 'pool-fund', '15-pool'],
      ['/pages/team/index', 'team-earnings', '16-team'],
      ['/pages/rules/index', 'rules-no-promise', '17-rules'],
      ['/pages/mine/index', 'mine-user', '18-mine'],
      ['/pages/cart/index', 'state-empty', '19-cart-empty'],
      ['/pages/leaderboard/index', 'leader-row', '21-leaderboard-direct'],
      ['/pages/privacy/index', 'privacy-section', '22-privacy'],
    ];
    for (const [route, cls, name] of tour) {
      await open(page, route, cls);
      expect(await top(page).locator('.state-error').count()).toBe(0);
      await shot(page, name);
    }

    // --- the pool's signed head, its signature verified in the browser by the shared code; then
    // every line of mine checked against the public log (hash and replay) on the page
    await open(page, '/pages/pool/index', 'head-verdict');
    await expect(top(page).locator('.head-verdict').textContent()).resolves.toBe('已签名 · 签名已在本机验证');
    await top(page).locator('.link-pool-check').click();
    await top(page).locator('.page-pool-check .line-check-run').first().waitFor();
    const rows = top(page).locator('.page-pool-check .pool-check-row');
    for (let k = 0, n = await rows.count(); k < n; k++) {
      await rows.nth(k).locator('.line-check-run').click();
      await rows.nth(k).locator('.line-check-result').waitFor();
    }
    expect(await top(page).locator('.line-check-result.ok').count()).toBeGreaterThan(0);
    expect(await top(page).locator('.line-check-result.bad').count()).toBe(0);
    await shot(page, '23-pool-check');
    expect(errors).toEqual([]);
  });

  test('a return in the window: the form, staff approve, ship back, received, refunded in part', async () => {
    const token = session.token;
    expect(token).toBeTruthy();
    const post = async <T>(p: string, body: unknown): Promise<T> => {
      const r = await fetch(`${API_URL}${p}`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          'Idempotency-Key': `e2e${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`,
        },
        body: JSON.stringify(body),
      });
      if (!r.ok) throw new Error(`POST ${p}: ${r.status} ${await r.text()}`);
      return (await r.json()) as T;
    };
    const o = await post<{ orderId: string }>('/orders', {
      items: [{ productId: 'rice-10kg', qty: 2 }],
      payWith: 'wechat',
      address: { name: '张三', phone: '13800138000', regionCode: '330106', detail: '文三路 1 号' },
    });
    await post(`/orders/${o.orderId}/pay`, {});
    await staff('ship-order', { orderId: o.orderId, carrier: '顺丰速运', trackingNo: 'SF2026120102' });
    await post(`/orders/${o.orderId}/confirm`, {});

    // --- the order in its window: ask for a return of one of the two
    await open(page, `/pages/order/index?id=${o.orderId}`, 'request-after-sale');
    await top(page).locator('.request-after-sale').click();
    await top(page).locator('.page-after-sale .submit-after-sale').waitFor();
    await top(page).locator('.kind-return').click();
    await top(page).locator('.qty-plus').first().click();
    await top(page).locator('.after-sale-reason textarea').fill('尺寸不合适');
    await shot(page, '30-after-sale-form');
    await top(page).locator('.submit-after-sale').click();
    await top(page).locator('.after-sale-status', { hasText: '待审核' }).waitFor({ timeout: 30000 });
    const rid = new URLSearchParams((page.url().split('#')[1] ?? '').split('?')[1] ?? '').get('id') ?? '';
    expect(rid).toMatch(/^as/);
    await shot(page, '31-after-sale-requested');

    // --- staff approve; the shopper sends it back with a tracking number
    await staff('review-after-sale', { requestId: rid, approve: true, note: '同意退货，请寄回' });
    await open(page, `/pages/after-sale/index?id=${rid}`, 'ship-back-submit');
    await expect(top(page).locator('.after-sale-note').textContent()).resolves.toContain('同意退货');
    await top(page).locator('.ship-back-carrier input').fill('中通快递');
    await top(page).locator('.ship-back-tracking input').fill('ZT2026120103');
    await top(page).locator('.ship-back-submit').click();
    await top(page).locator('.after-sale-status', { hasText: '退货寄回中' }).waitFor({ timeout: 30000 });
    await expect(top(page).locator('.tracking-back').textContent()).resolves.toContain('ZT2026120103');
    await expect(top(page).locator('.tracking-out').textContent()).resolves.toContain('SF2026120102');
    await shot(page, '32-after-sale-returning');

    // --- staff receive the goods: the refund goes out, one item stays in the order
    await staff('receive-return', { requestId: rid });
    await open(page, `/pages/after-sale/index?id=${rid}`, 'after-sale-status');
    await top(page).locator('.after-sale-status', { hasText: '已退款' }).waitFor();
    await shot(page, '33-after-sale-refunded');
    const after = await api<{ status: string; refundedAmount: string; pointsEstimate: string }>(
      'GET',
      `/orders/${o.orderId}`,
      token,
    );
    expect(after).toMatchObject({ status: 'received', refundedAmount: '100.00' });
    // the wallet shows the points still to come, for the kept item
    // The card shows with the wallet's total; its lines come with the orders, a second request.
    await open(page, '/pages/wallet/index', 'pending-points');
    await top(page).locator('.pending-line').first().waitFor({ timeout: 30000 });
    expect(await top(page).locator('.pending-line').count()).toBeGreaterThan(0);
    await shot(page, '34-wallet-pending-points');
    expect(errors).toEqual([]);
  });
});
