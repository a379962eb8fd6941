// The shop in Chromium at phone size: browse a category, search by name, open a product with its
// pictures (loaded, several in the gallery); add an address with the region picker, check out with
// it (the default), see the order's copy of the address; complete the order and read the price
// chart; set a nickname on 我的. The JavaScript the home page loads stays within the budget.
import fs from 'fs';
import zlib from 'zlib';
import type { Page } from 'playwright-core';
import { launch, SCREENS, shot, top } from './browser';

const H5_URL = process.env.H5_URL;
const API_URL = process.env.API_URL;
const ready = !!H5_URL && !!API_URL;
const suite = ready ? describe : describe.skip;
if (!ready && process.env.CI) test('the e2e environment is set', () => expect(ready).toBe(true));
jest.setTimeout(180000);

async function api<T>(method: string, p: string, token?: string, body?: unknown): Promise<T> {
  const r = await fetch(`${API_URL}${p}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'Content-Type': 'application/json', 'Idempotency-Key': `e2e${Date.now()}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!r.ok) throw new Error(`${method} ${p}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

async function staff(name: string, input: Record<string, unknown>) {
  process.env.STAGE ??= 'local';
  process.env.TABLE_NAME ??= 'greenpoints-local';
  const { staffSigned } = await import('../staff-call');
  const out = (await staffSigned('staff-e2e', name, input)) as { ok: boolean };
  if (!out.ok) throw new Error(`staff ${name}: ${JSON.stringify(out)}`);
}

async function open(page: Page, route: string, cls: string) {
  await page.goto(`${H5_URL}/?_=${Date.now()}#${route}`);
  await top(page).locator(`.${cls}`).first().waitFor({ timeout: 20000 });
}

/**
 * The <img>s under the selector on the top page that are within the screen's height (the home
 * grid loads the rest lazily) have all loaded real pixels; returns how many there are.
 */
async function imagesLoaded(page: Page, selector: string): Promise<number> {
  const handle = await page.waitForFunction(
    (sel) => {
      const pages = document.querySelectorAll('.taro_page');
      const last = pages[pages.length - 1];
      const imgs = Array.from(last?.querySelectorAll<HTMLImageElement>(`${sel} img`) ?? []).filter(
        (i) => i.getBoundingClientRect().top < window.innerHeight,
      );
      return imgs.length > 0 && imgs.every((i) => i.complete && i.naturalWidth > 0) ? imgs.length : 0;
    },
    selector,
    { timeout: 20000 },
  );
  return (await handle.jsonValue()) as number;
}

suite('the shop in Chromium', () => {
  let browser: Awaited<ReturnType<typeof launch>>;
  let page: Page;
  const errors: string[] = [];
  const firstLoadJs: Buffer[] = [];

  beforeAll(async () => {
    fs.mkdirSync(SCREENS, { recursive: true });
    browser = await launch();
    page = browser.page;
    page.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('browse, search, product pictures; address with the region picker; checkout; chart; nickname', async () => {
    // --- the home page's first load: all the JavaScript it fetches, gzipped, within 200 KB
    const collect = (r: import('playwright-core').Response) => {
      if (r.url().endsWith('.js'))
        r.body().then(
          (b) => firstLoadJs.push(b),
          () => undefined,
        );
    };
    page.on('response', collect);
    await open(page, '/pages/index/index', 'product-card');
    await page.waitForLoadState('networkidle');
    page.off('response', collect);
    const gz = firstLoadJs.reduce((n, b) => n + zlib.gzipSync(b, { level: 6 }).length, 0);
    console.log(`home page first load: ${firstLoadJs.length} scripts, ${(gz / 1024).toFixed(1)} KB gzipped`);
    expect(gz).toBeLessThanOrEqual(200 * 1024);

    // --- login (nickname), back on the home page
    await open(page, '/pages/login/index', 'page-login');
    const nick = `shop${Date.now().toString(36)}`;
    await top(page).locator('.login-name input').fill(nick);
    await top(page).locator('.login-submit').click();
    await top(page).locator('.page-home .product-card').first().waitFor();
    const token = await page.evaluate(() => {
      const raw = localStorage.getItem('gp.token');
      try {
        return (JSON.parse(raw ?? '') as { data: string }).data;
      } catch {
        return raw ?? '';
      }
    });
    expect(token).toBeTruthy();
    // The first row is in view (one card of it may be the sold-out one with no picture).
    expect(await imagesLoaded(page, '.product-grid')).toBeGreaterThanOrEqual(1);
    await shot(page, '30-home-catalogue');

    // --- a category: only its products
    const tea = await api<Array<{ name: string }>>('GET', `/products?category=${encodeURIComponent('茶饮')}`);
    await top(page).locator('.nut-tabs-titles-item', { hasText: '茶饮' }).click();
    await page.waitForFunction((n) => {
      const pages = document.querySelectorAll('.taro_page');
      return pages[pages.length - 1]?.querySelectorAll('.product-card').length === n;
    }, tea.length);
    const names = await top(page).locator('.product-name').allTextContents();
    expect(names).toEqual(tea.map((p) => p.name));
    await shot(page, '31-category-tea');

    // --- search by name (全部 first)
    await top(page).locator('.nut-tabs-titles-item', { hasText: '全部' }).click();
    const box = top(page).locator('.home-search input');
    await box.fill('大米');
    await box.press('Enter');
    await top(page).locator('.search-summary').waitFor();
    await page.waitForFunction(() => {
      const pages = document.querySelectorAll('.taro_page');
      const last = pages[pages.length - 1];
      const n = Array.from(last?.querySelectorAll('.product-name') ?? []).map((e) => e.textContent);
      return n.length > 0 && n.every((t) => t?.includes('大米'));
    });
    await shot(page, '32-search-rice');

    // --- the product: several pictures, description, stock
    await top(page).locator('.product-card', { hasText: '五常大米' }).first().click();
    await top(page).locator('.page-product .buy-now').waitFor();
    const pictures = await imagesLoaded(page, '.product-swiper');
    expect(pictures).toBeGreaterThanOrEqual(2);
    await expect(top(page).locator('.gallery-count').textContent()).resolves.toMatch(/^1\/\d+$/);
    expect(await top(page).locator('.product-description').textContent()).toContain('五常');
    expect(await top(page).locator('.product-stock').textContent()).toMatch(/库存 \d+ 件/);
    await shot(page, '33-product-gallery');
    await top(page).locator('.buy-now').click();

    // --- checkout: no address yet -> add one with the region picker
    await top(page).locator('.page-cart .add-address').waitFor();
    await shot(page, '34-cart-no-address');
    await top(page).locator('.checkout-address').click();
    await top(page).locator('.page-addresses .address-add').click();
    await top(page).locator('.page-address-edit .addr-name').waitFor();
    // The privacy guide comes before the first form that collects personal data.
    await page.locator('.privacy-agree:visible').first().waitFor();
    await shot(page, '35a-privacy-guide');
    await page.locator('.privacy-agree:visible').first().click();
    await page.locator('.privacy-popup .privacy-agree:visible').waitFor({ state: 'detached' });
    await top(page).locator('.addr-name input').fill('张三');
    await top(page).locator('.addr-phone input').fill('13800138000');
    await top(page).locator('.addr-detail input').fill('文三路 1 号');
    await top(page).locator('.region-field').click();
    const picker = top(page).locator('.region-picker');
    for (const name of ['浙江省', '杭州市', '西湖区']) {
      await picker
        .locator('.nut-cascader-item', { hasText: new RegExp(`^${name}$`) })
        .first()
        .click();
      await page.waitForTimeout(300);
    }
    await expect(top(page).locator('.region-value').textContent()).resolves.toBe('浙江省 杭州市 西湖区');
    await shot(page, '35-address-form');
    await top(page).locator('.address-save').click();
    // Back on the book (then the cart) with the new default address.
    await top(page).locator('.page-addresses .address-card').first().waitFor();
    const book = await api<{ addresses: Array<{ addressId: string; regionCode: string; isDefault: boolean }> }>(
      'GET',
      '/addresses',
      token,
    );
    expect(book.addresses).toEqual([expect.objectContaining({ regionCode: '330106', isDefault: true })]);
    await shot(page, '36-address-book');
    await top(page).locator('.address-card').first().locator('.address-region').click();
    await top(page).locator('.page-cart .checkout-address-text').waitFor();
    await expect(top(page).locator('.checkout-address-text').textContent()).resolves.toContain(
      '浙江省 杭州市 西湖区 文三路 1 号',
    );
    await shot(page, '37-cart-with-address');

    // --- place, pay, see the order's copy of the address
    await top(page).locator('.place-order').click();
    await top(page).locator('.page-order .pay-order').waitFor();
    const orderId = new URLSearchParams((page.url().split('#')[1] ?? '').split('?')[1] ?? '').get('id') ?? '';
    await expect(top(page).locator('.order-address').textContent()).resolves.toBe('浙江省 杭州市 西湖区 文三路 1 号');
    await expect(top(page).locator('.order-receiver').textContent()).resolves.toBe('张三 138****8000');
    const order = await api<{ address: { regionCode: string; name: string } }>('GET', `/orders/${orderId}`, token);
    expect(order.address).toMatchObject({ regionCode: '330106', name: '张三' });
    await top(page).locator('.pay-order').click();
    await top(page).locator('.order-wait-ship').waitFor();
    await shot(page, '38-order-address');

    // --- complete it (ship, confirm receipt, the after-sale window's end): a pool event for the chart
    await staff('ship-order', { orderId, carrier: '顺丰速运', trackingNo: 'SF2026120199' });
    await open(page, `/pages/order/index?id=${orderId}`, 'confirm-order');
    await top(page).locator('.confirm-order').click();
    await top(page).locator('.after-sale-until').waitFor({ timeout: 30000 });
    const received = await api<{ completesAt: string }>('GET', `/orders/${orderId}`, token);
    await staff('complete-due', {
      now: new Date(Date.parse(received.completesAt) + 1000).toISOString(),
      orderIds: [orderId],
    });
    await open(page, `/pages/order/index?id=${orderId}`, 'points-granted');

    // --- the price chart: drawn (pixels on the canvas), ranges, what moved the price
    await open(page, '/pages/price/index', 'price-chart-drawn');
    const painted = await page.evaluate(() => {
      const pages = document.querySelectorAll('.taro_page');
      const c = pages[pages.length - 1]?.querySelector<HTMLCanvasElement>('.price-chart canvas');
      if (!c) return 0;
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
      return n;
    });
    expect(painted).toBeGreaterThan(500);
    expect(await top(page).locator('.price-row-order_completed').count()).toBeGreaterThan(0);
    expect(await top(page).locator('.price-summary').textContent()).toMatch(/订单完成 \d+ 次/);
    await shot(page, '39-price-chart');
    await top(page).locator('.range-tabs .nut-tabs-titles-item', { hasText: '近 7 天' }).click();
    await top(page).locator('.price-summary', { hasText: '近 7 天' }).waitFor();
    await top(page).locator('.range-tabs .nut-tabs-titles-item', { hasText: '全部' }).click();
    await top(page).locator('.price-summary', { hasText: '全部' }).waitFor();
    await top(page).locator('.price-chart-drawn').waitFor();
    await shot(page, '40-price-chart-all');

    // --- 我的: the nickname (set at login) and a new one
    await open(page, '/pages/mine/index', 'mine-nickname');
    await expect(top(page).locator('.mine-nickname').textContent()).resolves.toBe(nick);
    await top(page).locator('.profile-edit').click();
    await top(page).locator('.nickname-input input').fill('绿叶 小王');
    await top(page).locator('.nickname-save').click();
    await top(page).locator('.mine-nickname', { hasText: '绿叶 小王' }).waitFor();
    expect((await api<{ nickname: string }>('GET', '/profile', token)).nickname).toBe('绿叶 小王');
    await shot(page, '41-mine-profile');
    // 客服 on H5: where to find it (the chat is the mini-program's).
    await top(page).locator('.mine-contact .contact-button').click();
    await expect(top(page).locator('.contact-fallback').textContent()).resolves.toContain('小程序');
    expect(errors).toEqual([]);
  });
});
