// The shop over real HTTP on DynamoDB Local: categories, search and pictures; the address book
// (phone and region checks, one default, double taps); orders keeping a copy of the address;
// the profile; staff picture upload URLs.
import { call, login, newKey, staff } from './helpers';

const WEST_LAKE = { name: '张三', phone: '13800138000', regionCode: '330106', detail: '文三路 1 号' };

describe('catalogue', () => {
  it('lists categories, filters by category and by name, and serves the pictures', async () => {
    const cats = await call('GET', '/categories');
    expect(cats.status).toBe(200);
    const names = cats.body.categories.map((c: { name: string }) => c.name);
    expect(names).toEqual(expect.arrayContaining(['粮油', '茶饮']));

    const tea = await call('GET', `/products?category=${encodeURIComponent('茶饮')}`);
    expect(tea.body.length).toBeGreaterThan(0);
    expect(tea.body.every((p: { category: string }) => p.category === '茶饮')).toBe(true);

    const rice = await call('GET', `/products?q=${encodeURIComponent('大米')}`);
    expect(rice.body.map((p: { productId: string }) => p.productId)).toContain('rice-10kg');
    expect(rice.body.every((p: { name: string }) => p.name.includes('大米'))).toBe(true);
    const none = await call('GET', `/products?q=${encodeURIComponent('不存在的商品')}`);
    expect(none.body).toEqual([]);

    const r = rice.body.find((p: { productId: string }) => p.productId === 'rice-10kg');
    expect(r.pictures.length).toBeGreaterThanOrEqual(2);
    expect(r.image).toBe(r.pictures[0]);
    expect(r.description).not.toBe('');
    const pic = await fetch(`${process.env.API_URL}${r.pictures[0]}`);
    expect(pic.status).toBe(200);
    expect(pic.headers.get('content-type')).toBe('image/svg+xml');
    expect(await pic.text()).toContain('<svg');
    expect((await fetch(`${process.env.API_URL}/pictures/products/rice-10kg/../../x.svg`)).status).toBe(404);
    expect((await fetch(`${process.env.API_URL}/pictures/products/rice-10kg/nope.svg`)).status).toBe(404);
  });

  it('staff: an upload URL for a picture, then a product with pictures and a category', async () => {
    const u = await staff('upload-url', { productId: 'shop-test-p', contentType: 'image/png' });
    expect(u.ok).toBe(true);
    expect(u.result.key).toMatch(/^products\/shop-test-p\/[0-9a-f]{12}\.png$/);
    expect(u.result.uploadUrl).toContain('X-Amz-Signature=');
    expect(u.result.uploadUrl).toContain(encodeURIComponent(u.result.key).replace(/%2F/g, '/'));
    const bad = await staff('upload-url', { productId: 'shop-test-p', contentType: 'text/html' });
    expect(bad.error.code).toBe('invalid_request');

    const p = await staff('upsert-product', {
      productId: 'shop-test-p',
      name: '测试商品 图片',
      price: '10.00',
      poolContribution: '1.00',
      stock: 0,
      category: '测试',
      description: '有两张图',
      pictures: [u.result.key, 'products/rice-10kg/2.svg'],
    });
    expect(p.ok).toBe(true);
    const listed = (await call('GET', `/products?category=${encodeURIComponent('测试')}`)).body;
    expect(listed).toHaveLength(1);
    expect(listed[0].pictures).toEqual([`/pictures/${u.result.key}`, '/pictures/products/rice-10kg/2.svg']);
    expect(listed[0].stock).toBe(0);
    const wrongKey = await staff('upsert-product', {
      productId: 'shop-test-p',
      name: 'x',
      price: '1.00',
      poolContribution: '0.00',
      stock: 1,
      pictures: ['https://example.com/a.png'],
    });
    expect(wrongKey.error.code).toBe('invalid_request');
    await staff('upsert-product', {
      productId: 'shop-test-p',
      name: 'x',
      price: '1.00',
      poolContribution: '0.00',
      stock: 0,
      active: false,
    });
  });
});

describe('address book', () => {
  it('refuses a bad phone or region with a named error and changes nothing', async () => {
    const { token } = await login();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...WEST_LAKE, phone: '12800138000' }, 'invalid_phone'],
      [{ ...WEST_LAKE, phone: '1380013800' }, 'invalid_phone'],
      [{ ...WEST_LAKE, regionCode: '999999' }, 'invalid_region'],
      [{ ...WEST_LAKE, regionCode: '330100' }, 'invalid_region'], // a city that has districts
      [{ ...WEST_LAKE, regionCode: '浙江省杭州市' }, 'invalid_region'],
      [{ ...WEST_LAKE, name: '' }, 'invalid_request'],
    ];
    for (const [body, code] of cases) {
      const r = await call('POST', '/addresses', { token, body });
      expect([code, r.status, r.body.error?.code]).toEqual([code, 400, code]);
    }
    expect((await call('GET', '/addresses', { token })).body).toEqual({ addresses: [], defaultId: null });
  });

  it('adds once per key, keeps one default, edits and deletes; others cannot see it', async () => {
    const { token } = await login();
    const key = newKey();
    const a1 = await call('POST', '/addresses', { token, body: WEST_LAKE, key });
    expect(a1.status).toBe(201);
    expect(a1.body).toMatchObject({ ...WEST_LAKE, region: '浙江省 杭州市 西湖区', isDefault: true });
    const again = await call('POST', '/addresses', { token, body: WEST_LAKE, key }); // a double tap
    expect(again.body.addressId).toBe(a1.body.addressId);
    expect((await call('GET', '/addresses', { token })).body.addresses).toHaveLength(1);

    const a2 = await call('POST', '/addresses', {
      token,
      body: { name: '李四', phone: '19912345678', regionCode: '440305', detail: '科技园 2 栋', isDefault: true },
    });
    expect(a2.body).toMatchObject({ region: '广东省 深圳市 南山区', isDefault: true });
    let book = (await call('GET', '/addresses', { token })).body;
    expect(book.defaultId).toBe(a2.body.addressId);
    expect(book.addresses.filter((a: { isDefault: boolean }) => a.isDefault)).toHaveLength(1);

    const edit = await call('PUT', `/addresses/${a1.body.addressId}`, {
      token,
      body: { ...WEST_LAKE, detail: '文三路 2 号' },
    });
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({ detail: '文三路 2 号', isDefault: false });
    const badEdit = await call('PUT', `/addresses/${a1.body.addressId}`, { token, body: { ...WEST_LAKE, phone: 'x' } });
    expect(badEdit.body.error.code).toBe('invalid_phone');

    const other = await login();
    expect((await call('DELETE', `/addresses/${a1.body.addressId}`, { token: other.token })).body.error.code).toBe(
      'address_not_found',
    );
    const del = await call('DELETE', `/addresses/${a2.body.addressId}`, { token });
    expect(del.body).toEqual({ deleted: a2.body.addressId, defaultId: a1.body.addressId });
    book = (await call('GET', '/addresses', { token })).body;
    expect(book.addresses.map((a: { addressId: string; isDefault: boolean }) => [a.addressId, a.isDefault])).toEqual([
      [a1.body.addressId, true],
    ]);
  });

  it('an order keeps a copy of the address as it was', async () => {
    const { token } = await login();
    const a = (await call('POST', '/addresses', { token, body: WEST_LAKE })).body;
    const o = await call('POST', '/orders', {
      token,
      body: { items: [{ productId: 'rice-10kg', qty: 1 }], payWith: 'wechat', addressId: a.addressId },
    });
    expect(o.status).toBe(201);
    await call('PUT', `/addresses/${a.addressId}`, { token, body: { ...WEST_LAKE, detail: '搬家了' } });
    const got = (await call('GET', `/orders/${o.body.orderId}`, { token })).body;
    expect(got.address).toEqual({
      addressId: a.addressId,
      name: '张三',
      phone: '13800138000',
      regionCode: '330106',
      region: '浙江省 杭州市 西湖区',
      detail: '文三路 1 号',
    });
    // Full addresses are checked like the book's; the older free-text form still works.
    const bad = await call('POST', '/orders', {
      token,
      body: {
        items: [{ productId: 'rice-10kg', qty: 1 }],
        payWith: 'wechat',
        address: { ...WEST_LAKE, regionCode: '123456' },
      },
    });
    expect(bad.body.error.code).toBe('invalid_region');
    const missing = await call('POST', '/orders', {
      token,
      body: { items: [{ productId: 'rice-10kg', qty: 1 }], payWith: 'wechat', addressId: 'a000000000000' },
    });
    expect(missing.body.error.code).toBe('address_not_found');
    const neither = await call('POST', '/orders', {
      token,
      body: { items: [{ productId: 'rice-10kg', qty: 1 }], payWith: 'wechat' },
    });
    expect(neither.body.error.code).toBe('invalid_request');
  });
});

describe('profile', () => {
  it('stores a checked nickname and avatar', async () => {
    const { token, userId } = await login();
    expect((await call('GET', '/profile', { token })).body).toEqual({ userId, nickname: '', avatar: '' });
    const avatar = `data:image/png;base64,${Buffer.from('png-bytes').toString('base64')}`;
    const r = await call('PUT', '/profile', { token, body: { nickname: ' 绿叶 小王 ', avatar } });
    expect(r.body).toEqual({ userId, nickname: '绿叶 小王', avatar });
    for (const [body, code] of [
      [{ nickname: '<script>' }, 'invalid_nickname'],
      [{ nickname: '' }, 'invalid_nickname'],
      [{ nickname: 'x'.repeat(21) }, 'invalid_nickname'],
      [{ avatar: 'http://example.com/a.png' }, 'invalid_avatar'],
      [{ avatar: 'data:text/html;base64,PGI+' }, 'invalid_avatar'],
      [{ avatar: `data:image/png;base64,${'A'.repeat(50_000)}` }, 'invalid_avatar'],
    ] as const) {
      const bad = await call('PUT', '/profile', { token, body });
      expect([code, bad.status, bad.body.error?.code]).toEqual([code, 400, code]);
    }
    expect((await call('GET', '/profile', { token })).body.nickname).toBe('绿叶 小王');
    expect((await call('GET', '/profile')).status).toBe(401);
  });
});
