// The staff console in Chromium (desktop) against the stack `npm test` starts: an operator signs
// in, ships an order from the list and reviews an after-sale request, and cannot reach the
// finance screens; a finance member approves a withdrawal above the second-signature threshold
// and a second finance member signs it (two steps). Accounts are made with the CLI bootstrap
// (`npm run staff -- add-staff`); everything else goes over HTTP (POST /staff/login, /staff/{fn}).
import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import type { Page } from 'playwright-core';
import { fmtMoney } from '@greenpoints/shared';
import { launch } from './browser';

const API_URL = process.env.API_URL;
const CONSOLE_URL = process.env.CONSOLE_URL;
const ROOT = path.resolve(__dirname, '../..');
const SCREENS = path.join(__dirname, 'screens');
jest.setTimeout(240000);

/** POST /staff/login's status, asked synchronously so the suite can be skipped before it starts. */
function staffLoginStatus(): number {
  const js = `fetch(process.argv[1] + '/staff/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: '{"username":"probe","password":"probe-password"}' }).then((r) => console.log(r.status), () => console.log(0));`;
  return Number(execFileSync(process.execPath, ['-e', js, API_URL!], { encoding: 'utf8' }).trim());
}

const ready = !!API_URL && !!CONSOLE_URL;
if (!ready && process.env.CI) test('the console e2e environment is set', () => expect(ready).toBe(true));
const loginStatus = ready ? staffLoginStatus() : 0;
// Until the staff HTTP API (branch staffapi) is in, there is nothing to sign in to: skip, loudly.
if (ready && loginStatus === 404)
  console.warn('[console e2e] SKIPPED: POST /staff/login answers 404 (the staff HTTP API is not in this build)');
const suite = ready && loginStatus !== 404 ? describe : describe.skip;

const run = Date.now().toString(36);
const PASSWORD = 'e2e-console-password-1';
const users = {
  setup: { username: `e2e-setup-${run}`, roles: ['operator', 'finance', 'admin', 'auditor'] },
  operator: { username: `e2e-op-${run}`, roles: ['operator'] },
  finance1: { username: `e2e-fin1-${run}`, roles: ['finance'] },
  finance2: { username: `e2e-fin2-${run}`, roles: ['finance'] },
};

/** The documented bootstrap: the command line creates a staff account. */
function addStaff(u: { username: string; roles: string[] }) {
  const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
  const event = JSON.stringify({ ...u, password: PASSWORD });
  execFileSync(tsx, [path.join(ROOT, 'functions/src/staff/cli.ts'), 'add-staff', event], { cwd: ROOT, stdio: 'pipe' });
}

let keyN = 0;
async function http(method: string, p: string, token?: string, body?: unknown) {
  const r = await fetch(`${API_URL}${p}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'Content-Type': 'application/json', 'Idempotency-Key': `c${run}-${++keyN}` } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  return { status: r.status, body: (await r.json().catch(() => ({}))) as any };
}

async function staffToken(username: string): Promise<string> {
  const r = await http('POST', '/staff/login', undefined, { username, password: PASSWORD });
  if (r.status !== 200) throw new Error(`staff login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token as string;
}

async function staff(token: string, fn: string, input: object) {
  const r = await http('POST', `/staff/${fn}`, token, input);
  if (!r.body.ok) throw new Error(`staff ${fn}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.result;
}

/** A pool call that may answer 202: poll its event until it is decided. */
async function decided(r: { status: number; body: any }, token: string) {
  for (let i = 0; r.status === 202 && i < 60; i++) {
    const ev = await http('GET', `/events/${r.body.eventId}`, token);
    if (ev.body.status !== 'pending') return ev;
    await new Promise((res) => setTimeout(res, 500));
  }
  return r;
}

async function paidOrder(shopper: string, productId: string): Promise<string> {
  const address = { name: '张三', phone: '13800000000', regionCode: '330106', detail: '文三路 1 号' };
  const o = await http('POST', '/orders', shopper, { items: [{ productId, qty: 1 }], payWith: 'wechat', address });
  if (o.status !== 201) throw new Error(`order: ${o.status} ${JSON.stringify(o.body)}`);
  const pay = await http('POST', `/orders/${o.body.orderId}/pay`, shopper, {});
  if (pay.status !== 200) throw new Error(`pay: ${pay.status} ${JSON.stringify(pay.body)}`);
  return o.body.orderId as string;
}

async function shot(page: Page, name: string) {
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SCREENS, `console-${name}.png`) });
}

async function signIn(page: Page, username: string) {
  await page.goto(`${CONSOLE_URL}/`);
  // Wait for the app to show either screen: counting before it renders would skip the sign-out.
  await page.locator('.console-user, #username').first().waitFor();
  if (await page.locator('.console-user').count()) await page.getByRole('button', { name: '退出' }).click();
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('.console-user', { hasText: username }).waitFor();
}

const menu = (page: Page) => page.locator('.console-menu .ant-menu-item');
const confirmPop = (page: Page) => page.locator('.ant-popconfirm-buttons button.ant-btn-primary:visible').click();
const toast = (page: Page, text: string) => page.locator('.ant-message-notice', { hasText: text }).first().waitFor();

suite('the staff console in Chromium', () => {
  let browser: Awaited<ReturnType<typeof launch>>;
  let page: Page;
  const errors: string[] = [];
  const ids = { toShip: '', requestId: '', withdrawalId: '', buyer: '' };
  let shopper = '';
  let setup = '';

  beforeAll(async () => {
    fs.mkdirSync(SCREENS, { recursive: true });
    for (const u of Object.values(users)) addStaff(u);
    setup = await staffToken(users.setup.username);
    const login = await http('POST', '/auth/login', undefined, { devOpenId: `console-buyer-${run}` });
    shopper = login.body.token;
    ids.buyer = login.body.userId;
    // An order to ship from the console.
    ids.toShip = await paidOrder(shopper, 'rice-10kg');
    // An order received, with a return asked for: the after-sale queue.
    const back = await paidOrder(shopper, 'rice-10kg');
    await staff(setup, 'ship-order', { orderId: back, carrier: '中通快递', trackingNo: `ZT${run}1` });
    await decided(await http('POST', `/orders/${back}/confirm`, shopper, {}), shopper);
    const as = await http('POST', `/orders/${back}/after-sale`, shopper, {
      kind: 'return',
      items: [{ productId: 'rice-10kg', qty: 1 }],
      reason: '包装破损',
    });
    if (as.status !== 201) throw new Error(`after-sale: ${as.status} ${JSON.stringify(as.body)}`);
    ids.requestId = as.body.requestId;
    ids.withdrawalId = await cashAndWithdrawal();
    browser = await launch({ desktop: true });
    page = browser.page;
    page.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Cash above ¥500 for the shopper (an exempt product completes at receipt; sell the points), then ¥600 asked out. */
  async function cashAndWithdrawal(): Promise<string> {
    const productId = `e2e-card-${run}`;
    await staff(setup, 'upsert-product', {
      productId,
      name: '礼品卡（e2e）',
      price: '2000.00',
      poolContribution: '1000.00',
      stock: 5,
      noReasonReturn: false,
    });
    const orderId = await paidOrder(shopper, productId);
    await staff(setup, 'ship-order', { orderId, carrier: '顺丰速运', trackingNo: `SF${run}9` });
    const done = await decided(await http('POST', `/orders/${orderId}/confirm`, shopper, {}), shopper);
    if (done.status >= 300) throw new Error(`confirm: ${done.status} ${JSON.stringify(done.body)}`);
    const wallet = await http('GET', '/wallet', shopper);
    const sold = await decided(await http('POST', '/wallet/sell', shopper, { points: wallet.body.equity }), shopper);
    if (sold.status >= 300) throw new Error(`sell: ${sold.status} ${JSON.stringify(sold.body)}`);
    const w = await http('POST', '/withdrawals', shopper, { amount: '600.00' });
    if (w.status !== 201) throw new Error(`withdrawal: ${w.status} ${JSON.stringify(w.body)}`);
    return w.body.withdrawalId as string;
  }

  test('an operator ships an order from the list and reviews an after-sale request; no finance screens', async () => {
    await signIn(page, users.operator.username);
    const items = await menu(page).allTextContents();
    expect(items).toEqual(expect.arrayContaining(['订单', '售后', '商品']));
    expect(items).not.toContain('提现');
    await page.goto(`${CONSOLE_URL}/#/withdrawals`);
    await page.getByText('无权访问').waitFor();
    await shot(page, 'operator-no-finance');

    // --- ship from the list of paid orders
    await menu(page).filter({ hasText: '订单' }).click();
    const row = page.locator('tr', { hasText: ids.toShip });
    await row.locator('.ant-checkbox-input').check();
    await page.locator('.ship-selected').click();
    await page.locator('.ship-carrier input').fill('顺丰速运');
    await page.locator('.ship-tracking').fill(`SF${run}0`);
    await shot(page, 'ship');
    await page.getByRole('button', { name: '确认发货' }).click();
    await toast(page, '已发货 1 单');
    const order = await http('GET', `/orders/${ids.toShip}`, shopper);
    expect(order.body).toMatchObject({ status: 'shipped', carrier: '顺丰速运', trackingNo: `SF${run}0` });

    // --- review the return with a note
    await menu(page).filter({ hasText: '售后' }).click();
    await page.locator('tr', { hasText: ids.requestId }).locator('.review-open').click();
    await page.locator('.review-note').fill('同意退货，请寄回');
    await page.locator('.review-approve').click();
    await toast(page, '已同意');
    const request = await http('GET', `/after-sale/${ids.requestId}`, shopper);
    expect(request.body).toMatchObject({ status: 'approved', note: '同意退货，请寄回' });
    expect(errors).toEqual([]);
  });

  test('a withdrawal above the threshold takes two finance members', async () => {
    await signIn(page, users.finance1.username);
    expect(await menu(page).allTextContents()).toEqual(expect.arrayContaining(['提现', '待复核']));
    await menu(page).filter({ hasText: '提现' }).click();
    await page.locator('tr', { hasText: ids.withdrawalId }).locator('.withdrawal-approve').click();
    await confirmPop(page);
    const tag = page.locator('tr', { hasText: ids.withdrawalId }).locator('.awaiting-second');
    await tag.waitFor();
    const approvalId = (await tag.textContent())!.replace('待复核', '').trim();
    expect(approvalId).not.toBe('');
    await shot(page, 'withdrawal-first-signature');
    // Nothing is paid on one signature.
    const still = await staff(setup, 'list-withdrawals', { status: 'requested', limit: 500 });
    expect(still.rows.map((r: any) => r.withdrawalId)).toContain(ids.withdrawalId);

    // --- the second member signs it
    await signIn(page, users.finance2.username);
    await menu(page).filter({ hasText: '待复核' }).click();
    await page.locator('tr', { hasText: approvalId }).locator('.request-approve').click();
    await confirmPop(page);
    await toast(page, '已批准并执行');
    await shot(page, 'withdrawal-second-signature');
    const after = await staff(setup, 'list-withdrawals', { status: 'requested', limit: 500 });
    expect(after.rows.map((r: any) => r.withdrawalId)).not.toContain(ids.withdrawalId);
    expect(errors).toEqual([]);
  });

  test('finance reads the liabilities on the dashboard and finds a shopper by nickname, with their ledger', async () => {
    const nickname = `控制台${run}`;
    const set = await http('PUT', '/profile', shopper, { nickname });
    expect(set.status).toBe(200);
    await signIn(page, users.finance1.username);
    await menu(page).filter({ hasText: '经营概览' }).click();
    const figure = (cls: string) => page.locator(`.${cls} .ant-statistic-content`);
    await figure('liability-cash').filter({ hasText: '¥' }).waitFor();
    // Nothing moves money meanwhile: the page shows the server's sums to the fen.
    const owed = await staff(setup, 'liabilities', {});
    expect(await figure('liability-cash').textContent()).toBe(fmtMoney(owed.cashOwed));
    expect(await figure('liability-pending').textContent()).toBe(fmtMoney(owed.pendingWithdrawals));
    expect(await figure('liability-constant').textContent()).toBe(fmtMoney(owed.constantOutstanding));
    expect(await figure('liability-store-credit').textContent()).toBe(fmtMoney(owed.storeCredit));
    expect(await figure('liability-circulating').textContent()).toBe(fmtMoney(owed.circulatingValue));
    await figure('liability-cash').scrollIntoViewIfNeeded();
    await shot(page, 'liabilities');

    await menu(page).filter({ hasText: '用户' }).click();
    await page.locator('.user-search-by').click();
    await page.locator('.ant-select-item-option', { hasText: '昵称' }).click();
    await page.locator('.user-search input').fill(nickname.slice(0, -1));
    await page.locator('.user-search input').press('Enter');
    await page.getByText(ids.buyer).first().waitFor();
    const ledger = await staff(setup, 'user-ledger', { userId: ids.buyer, limit: 50 });
    expect(ledger.rows.length).toBeGreaterThan(0);
    const rows = page.locator('.user-ledger tbody tr.ant-table-row');
    await rows.nth(ledger.rows.length - 1).waitFor();
    expect(await rows.count()).toBe(ledger.rows.length);
    expect(await rows.first().textContent()).toContain(ledger.rows[0].why);
    await shot(page, 'user-ledger');
    expect(errors).toEqual([]);
  });
});
