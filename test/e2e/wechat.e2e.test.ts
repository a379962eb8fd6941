// The WeChat flows of issue 18 in Chromium at phone size, on the H5 build against the local stack:
// a withdrawal staff approve waits in 提现记录 as 待确认收款 and 确认收款 (the sandbox's stand-in
// for wx.requestMerchantTransfer, below) leads to 已到账; an unpaid order counts down and
// cancel-unpaid past its expiry shows 已取消 with the stock back; 导出我的数据 and 注销账户 (refused
// while an order is open, then accepted); 售后记录 from 我的. Staff functions run in process.
import fs from 'fs';
import { dec } from '@greenpoints/shared';
import type { Page } from 'playwright-core';
import { launch, SCREENS, shot, top } from './browser';

const H5_URL = process.env.H5_URL;
const API_URL = process.env.API_URL;
const ready = !!H5_URL && !!API_URL;
const suite = ready ? describe : describe.skip;
if (!ready && process.env.CI) test('the e2e environment is set', () => expect(ready).toBe(true));
jest.setTimeout(180000);

const ADDRESS = { name: '张三', phone: '13800138000', regionCode: '330106', detail: '文三路 1 号' };
let keyN = 0;
async function call(method: string, p: string, token?: string, body?: unknown) {
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  if (body)
    Object.assign(headers, { 'Content-Type': 'application/json', 'Idempotency-Key': `wx2e${Date.now()}${++keyN}` });
  const r = await fetch(`${API_URL}${p}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
  return { status: r.status, body: (await r.json().catch(() => ({}))) as any };
}
async function api(method: string, p: string, token?: string, body?: unknown): Promise<any> {
  const r = await call(method, p, token, body);
  if (r.status >= 300) throw new Error(`${method} ${p}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

async function staff(name: string, input: Record<string, unknown>): Promise<any> {
  process.env.STAGE ??= 'local';
  process.env.TABLE_NAME ??= 'greenpoints-local';
  const { staffSigned } = await import('../staff-call');
  const out = (await staffSigned('staff-e2e-wx', name, input)) as { ok: boolean; result?: unknown };
  if (!out.ok) throw new Error(`staff ${name}: ${JSON.stringify(out)}`);
  return out.result;
}

async function open(page: Page, route: string, cls: string) {
  await page.goto(`${H5_URL}/?_=${Date.now()}#${route}`);
  await top(page).locator(`.${cls}`).first().waitFor({ timeout: 20000 });
}

/** The dev login in the browser; the session's token as the app stored it. */
async function signIn(page: Page, prefix: string): Promise<string> {
  await open(page, '/pages/login/index', 'page-login');
  await top(page)
    .locator('.login-name input')
    .fill(`${prefix}-${Date.now().toString(36)}`);
  await top(page).locator('.login-submit').click();
  await top(page).locator('.page-home .product-card').first().waitFor();
  const token = await page.evaluate(() => {
    const raw = localStorage.getItem('gp.token');
    try {
      return (JSON.parse(raw ?? '') as { data: string }).data; // Taro's H5 storage wraps values
    } catch {
      return raw ?? '';
    }
  });
  expect(token).toBeTruthy();
  return token;
}

/** A WeChat order of `productId`, paid in the local sandbox and shipped; its id. */
async function shipped(token: string, productId = 'rice-10kg'): Promise<string> {
  const o = await api('POST', '/orders', token, {
    items: [{ productId, qty: 1 }],
    payWith: 'wechat',
    address: ADDRESS,
  });
  await api('POST', `/orders/${o.orderId}/pay`, token, {});
  await staff('ship-order', { orderId: o.orderId, carrier: '顺丰速运', trackingNo: `SF${Date.now()}` });
  return o.orderId as string;
}

/** A pool call's final answer: a 202 is polled, then the same key replayed. */
async function settledPost(p: string, token: string, body: unknown): Promise<any> {
  const key = `wx2e-settle-${Date.now()}${++keyN}`;
  const post = () =>
    fetch(`${API_URL}${p}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': key },
      body: JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
  let r = await post();
  for (let i = 0; r.status === 202 && i < 240; i++) {
    await new Promise((res) => setTimeout(res, 250));
    const ev = await call('GET', r.body.poll, token);
    if (ev.body.status !== 'pending') r = await post();
  }
  if (r.status !== 200) throw new Error(`${p}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Cash in the wallet: an order completed at its window's end, then half its points sold. */
async function withCash(token: string) {
  const orderId = await shipped(token);
  const c = await settledPost(`/orders/${orderId}/confirm`, token, {});
  await staff('complete-due', { now: new Date(Date.parse(c.completesAt) + 1000).toISOString(), orderIds: [orderId] });
  const w = await api('GET', '/wallet', token);
  await settledPost('/wallet/sell', token, { points: dec(w.equity).div(2).toFixed(6, 1) });
}

suite('WeChat flows in Chromium', () => {
  let browser: Awaited<ReturnType<typeof launch>>;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(SCREENS, { recursive: true });
    browser = await launch();
    page = browser.page;
    page.on('pageerror', (e) => errors.push(e.message));
    // H5 has no wx.requestMerchantTransfer: the page shows where to confirm instead. This stands in
    // for WeChat's 确认收款 page: the app's own button calls it with the bill's package, and the
    // sandbox WeChat settles that bill as the shopper confirming it would (sandbox-transfer).
    await page.exposeFunction('gpSandboxConfirm', async (pkg: string) => {
      const withdrawalId = pkg.replace(/^sandbox_package_/, '');
      await staff('sandbox-transfer', { withdrawalId, outcome: 'confirm' });
    });
    await browser.context.addInitScript(() => {
      const w = window as unknown as Record<string, unknown>;
      w.wx = {
        requestMerchantTransfer: (o: { package: string; success: (r: unknown) => void; fail: (e: unknown) => void }) =>
          (w.gpSandboxConfirm as (p: string) => Promise<void>)(o.package).then(
            () => o.success({ errMsg: 'requestMerchantTransfer:ok' }),
            (e: Error) => o.fail({ errMsg: `requestMerchantTransfer:fail ${e.message}` }),
          ),
      };
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(() => {
    expect(errors).toEqual([]);
  });

  test('a withdrawal staff approve waits for 确认收款 in 提现记录; confirmed, it is 已到账', async () => {
    const token = await signIn(page, 'wx-wd');
    await withCash(token);
    const wr = await api('POST', '/withdrawals', token, { amount: '1.00' });
    const before = await api('GET', '/wallet', token);
    expect(before.cashPending).toBe('1.00');
    const ap = await staff('approve-withdrawal', { withdrawalId: wr.withdrawalId });
    expect(ap).toMatchObject({ withdrawalId: wr.withdrawalId, status: 'awaiting_confirmation' });

    await open(page, '/pages/mine/index', 'link-withdrawals');
    await top(page).locator('.link-withdrawals').click();
    const row = top(page).locator(`.withdrawal-${wr.withdrawalId}`);
    await row.locator('.withdrawal-status', { hasText: '待确认收款' }).waitFor();
    expect(await row.locator('.withdrawal-amount').textContent()).toBe('¥1.00');
    await row.locator('.withdrawal-confirm-by').waitFor();
    // Not paid until the shopper confirms: the cash is still pending, nothing withdrawn.
    expect(await api('GET', '/wallet', token)).toMatchObject({ cashPending: '1.00', withdrawn: before.withdrawn });
    await shot(page, '60-withdrawal-awaiting');

    await row.locator('.withdrawal-confirm').click();
    await row.locator('.withdrawal-status', { hasText: '已到账' }).waitFor();
    // The schedule's query finds the bill settled too, and changes nothing more.
    const sync = await staff('sync-transfers', {});
    expect(sync.errors.filter((e: { withdrawalId: string }) => e.withdrawalId === wr.withdrawalId)).toEqual([]);
    const after = await api('GET', '/wallet', token);
    expect(after.cashPending).toBe('0.00');
    expect(dec(after.withdrawn).minus(before.withdrawn).toFixed(2)).toBe('1.00');
    await open(page, '/pages/withdrawals/index', `withdrawal-${wr.withdrawalId}`);
    expect(await top(page).locator(`.withdrawal-${wr.withdrawalId} .withdrawal-status`).textContent()).toBe('已到账');
    expect(await top(page).locator('.withdrawal-confirm').count()).toBe(0);
    await shot(page, '61-withdrawal-paid');
  });

  test('an unpaid order counts down; cancel-unpaid past its expiry: 已取消 and the stock is back', async () => {
    const productId = `wx-e2e-${Date.now().toString(36)}`;
    await staff('upsert-product', {
      productId,
      name: '超时取消测试',
      price: '12.00',
      poolContribution: '3.00',
      dividendContribution: '0.10',
      stock: 5,
    });
    const token = await signIn(page, 'wx-unpaid');
    const stock = async () =>
      ((await api('GET', '/products')) as Array<{ productId: string; stock: number }>).find(
        (p) => p.productId === productId,
      )!.stock;
    const o = await api('POST', '/orders', token, {
      items: [{ productId, qty: 2 }],
      payWith: 'wechat',
      address: ADDRESS,
    });
    expect(o.status).toBe('created');
    expect(await stock()).toBe(3);

    await open(page, `/pages/order/index?id=${o.orderId}`, 'pay-countdown');
    const left = (await top(page).locator('.pay-countdown-left').textContent()) ?? '';
    expect(left).toMatch(/\d{1,2}:\d{2}/);
    await top(page).locator('.pay-order').waitFor();
    await shot(page, '62-order-countdown');

    // The stack is shared: other suites' unpaid orders expire first (oldest first, at most `max` a run).
    const now = new Date(Date.parse(o.payExpiresAt) + 1000).toISOString();
    const cancelled: string[] = [];
    for (let run = 0; run < 10 && !cancelled.includes(o.orderId); run++)
      cancelled.push(...((await staff('cancel-unpaid', { now, max: 500 })).cancelled as string[]));
    expect(cancelled).toContain(o.orderId);
    await open(page, `/pages/order/index?id=${o.orderId}`, 'order-cancelled');
    expect(await top(page).locator('.order-status').textContent()).toBe('已取消');
    expect(await top(page).locator('.pay-order').count()).toBe(0);
    expect(await top(page).locator('.pay-countdown').count()).toBe(0);
    expect(await stock()).toBe(5);
    await shot(page, '63-order-cancelled');
  });

  test('导出我的数据, then 注销账户: refused while an order is open, accepted once it is cancelled', async () => {
    const token = await signIn(page, 'wx-leave');
    await api('POST', '/addresses', token, ADDRESS);
    const o = await api('POST', '/orders', token, {
      items: [{ productId: 'rice-10kg', qty: 1 }],
      payWith: 'wechat',
      address: ADDRESS,
    });
    await open(page, '/pages/mine/index', 'export-data');
    const [download] = await Promise.all([page.waitForEvent('download'), top(page).locator('.export-data').click()]);
    expect(download.suggestedFilename()).toBe('greenpoints-my-data.json');
    const file = await download.path();
    const doc = JSON.parse(fs.readFileSync(file!, 'utf8'));
    expect(doc.addresses).toEqual([expect.objectContaining({ name: '张三', phone: '13800138000' })]);
    expect(doc.orders.map((x: { orderId: string }) => x.orderId)).toContain(o.orderId);
    expect(Object.keys(doc)).toEqual(
      expect.arrayContaining(['profile', 'addresses', 'orders', 'ledger', 'referrals', 'withdrawals', 'exportedAt']),
    );
    await top(page).locator('.export-done', { hasText: '已下载 greenpoints-my-data.json' }).waitFor();

    const confirmDelete = async () => {
      await top(page).locator('.delete-account').click();
      await page.locator('.nut-dialog-footer-ok:visible', { hasText: '确认注销' }).click();
    };
    await confirmDelete();
    await top(page).getByText('还有未完成的订单，请等订单完成或退款后再注销').waitFor();
    expect((await api('GET', '/profile', token)).userId).toBeTruthy(); // still there
    await shot(page, '64-delete-refused');

    // The open order goes (取消订单 on an unpaid order: closed at WeChat, cancelled): now it is accepted.
    await api('POST', `/orders/${o.orderId}/refund`, token, {});
    await confirmDelete();
    await top(page).locator('.account-deleted').waitFor();
    await shot(page, '65-account-deleted');
    expect(await page.evaluate(() => localStorage.getItem('gp.token'))).toBeFalsy();
    // The old token opens nothing any more.
    expect((await call('GET', '/me/export', token)).status).toBeGreaterThanOrEqual(400);
  });

  test('售后记录 from 我的: the requests, newest first; a tap opens the progress', async () => {
    const token = await signIn(page, 'wx-as');
    const ids: string[] = [];
    for (const reason of ['尺码不合适', '包装破损']) {
      const orderId = await shipped(token);
      await settledPost(`/orders/${orderId}/confirm`, token, {});
      const r = await api('POST', `/orders/${orderId}/after-sale`, token, {
        kind: 'return',
        items: [{ productId: 'rice-10kg', qty: 1 }],
        reason,
      });
      ids.push(r.requestId);
    }
    await open(page, '/pages/mine/index', 'link-after-sales');
    await top(page).locator('.link-after-sales').click();
    await top(page).locator('.page-after-sales .after-sale-row').nth(1).waitFor();
    const shown = await top(page)
      .locator('.after-sale-row')
      .evaluateAll((rows) => rows.map((r) => (r.className.match(/after-sale-(as\w+)/) ?? [])[1]));
    expect(shown).toEqual([ids[1], ids[0]]);
    const first = top(page).locator(`.after-sale-${ids[1]}`);
    expect(await first.locator('.after-sale-row-status').textContent()).toBe('待审核');
    expect(await first.locator('.after-sale-reason').textContent()).toBe('原因：包装破损');
    await top(page).locator('.after-sales-end').waitFor();
    await shot(page, '66-after-sales');
    await first.click();
    await top(page).locator('.page-after-sale .after-sale-progress').waitFor();
    expect(await top(page).locator('.after-sale-status').textContent()).toBe('待审核');
  });
});
