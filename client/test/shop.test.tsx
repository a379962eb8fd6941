// The shop's pages on the real Taro H5 runtime: categories and search, the product gallery and
// the sold-out state, the address form with the region picker, 收货地址, and 我的 with the profile.
import { configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { FakeApi, fail } from './fake-api';
import { poolAnswer, products } from './fixtures';
import { click, login, openWith, text, typeInto } from './helpers';

const mockApi = new FakeApi();
jest.mock('../src/api/request', () => ({ request: (o: unknown) => mockApi.handle(o as never), apiBase: () => '/api' }));

import Home from '../src/pages/index/index';
import ProductPage from '../src/pages/product/index';
import AddressEditPage from '../src/pages/address-edit/index';
import AddressesPage from '../src/pages/addresses/index';
import MinePage from '../src/pages/mine/index';
import { tickLabel } from '../src/lib/price-chart';

const pictured = [
  {
    ...products[0],
    category: '粮油',
    description: '当季新米',
    pictures: ['/pictures/products/p100/1.svg', '/pictures/products/p100/2.svg', 'https://cdn.example.com/p100/3.png'],
  },
  { ...products[1], category: '家居', stock: 0, pictures: [] },
];

// NutUI and Taro's components are transformed on the first run: more than jest's 5 s.
jest.setTimeout(30000);
// A loaded machine (2 cores, several builds and stacks) re-renders much slower than the 1 s default
// wait: under a load of 15 a category tap took more than 5 s to show its list. Patience, not a timing.
configure({ asyncUtilTimeout: 15000 });

beforeEach(() => {
  mockApi.calls = [];
});

/** Types into the search box and presses Enter (the keyboard's 搜索). */
async function search(container: HTMLElement, words: string) {
  await typeInto(container, 'home-search', words);
  const input = container.querySelector('.home-search input') as HTMLInputElement;
  fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
  fireEvent.keyUp(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
}

test('home: category tabs and a search by name ask the server, and say what they found', async () => {
  mockApi
    .on('GET /categories', {
      categories: [
        { name: '粮油', count: 1 },
        { name: '家居', count: 1 },
      ],
    })
    .on('GET /products', pictured)
    .on(`GET /products?category=${encodeURIComponent('家居')}`, [pictured[1]])
    .on(`GET /products?q=${encodeURIComponent('大米')}`, [pictured[0]])
    .on('GET /pool', poolAnswer(1));
  const { container } = render(<Home />);
  await screen.findByText('有机大米 5kg');
  // The cover is the first picture, relative ones served by the API.
  expect(container.querySelector('.product-p100 .product-image')?.getAttribute('src')).toBe(
    '/api/pictures/products/p100/1.svg',
  );
  expect(text(container, 'product-p20')).toContain('已售罄');
  fireEvent.click(await screen.findByText('家居'));
  await waitFor(() => expect(container.querySelectorAll('.product-card')).toHaveLength(1));
  expect(text(container, 'product-name')).toBe('环保购物袋');

  fireEvent.click(screen.getByText('全部'));
  await search(container, '大米');
  await waitFor(() => expect(text(container, 'search-summary')).toBe('“大米”的搜索结果 1 件'));
  expect(mockApi.callsTo(`GET /products?q=${encodeURIComponent('大米')}`).length).toBeGreaterThan(0);
});

test('a search with no match says so', async () => {
  mockApi
    .on('GET /categories', { categories: [] })
    .on('GET /products', products)
    .on(`GET /products?q=${encodeURIComponent('茶')}`, [])
    .on('GET /pool', poolAnswer(1));
  const { container } = render(<Home />);
  await screen.findByText('有机大米 5kg');
  await search(container, '茶');
  expect(await screen.findByText('没有找到相关商品')).toBeInTheDocument();
});

test('product: every picture in the gallery, the description and stock; the quantity goes to the cart', async () => {
  openWith('/pages/product/index', { id: 'p100' });
  mockApi.on('GET /products', pictured).on('GET /pool', poolAnswer(1));
  const { container } = render(<ProductPage />);
  await screen.findByText('当季新米');
  const srcs = Array.from(container.querySelectorAll('.product-hero')).map((i) => i.getAttribute('src'));
  expect(srcs).toEqual([
    '/api/pictures/products/p100/1.svg',
    '/api/pictures/products/p100/2.svg',
    'https://cdn.example.com/p100/3.png',
  ]);
  expect(text(container, 'gallery-count')).toBe('1/3');
  expect(text(container, 'product-stock')).toBe('库存 50 件');
  fireEvent.click(container.querySelector('.product-qty .nut-inputnumber-add')!);
  await waitFor(() => expect((container.querySelector('.product-qty input') as HTMLInputElement).value).toBe('2'));
  click(container, 'add-to-cart');
  expect(Taro.getStorageSync('gp.cart')).toEqual([{ productId: 'p100', qty: 2 }]);
  expect(await screen.findByText('已加入购物车')).toBeInTheDocument();
});

test('product: sold out offers nothing to buy', async () => {
  openWith('/pages/product/index', { id: 'p20' });
  mockApi.on('GET /products', pictured).on('GET /pool', poolAnswer(1));
  const { container } = render(<ProductPage />);
  await screen.findByText('暂时无货，补货后可购买');
  expect(container.querySelector('.add-to-cart')).toBeNull();
  expect(container.querySelector('.buy-now')).toBeNull();
  expect(text(container, 'sold-out-button')).toBe('已售罄');
  expect(text(container, 'product-hero-none')).toBe('暂无图片');
});

test('address form: checks in words, the region picker shows names and sends the district code, saved once', async () => {
  login();
  openWith('/pages/address-edit/index', {});
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  mockApi.on('POST /addresses', async () => {
    await gate;
    return { addressId: 'a000000000009', isDefault: true, region: '浙江省 杭州市 西湖区' };
  });
  const { container } = render(<AddressEditPage />);
  await screen.findByText('所在地区');
  click(container, 'address-save');
  expect(await screen.findByText('请填写收货人姓名')).toBeInTheDocument();
  await typeInto(container, 'addr-name', '张三');
  await typeInto(container, 'addr-phone', '1380013800');
  click(container, 'address-save');
  expect(await screen.findByText('请填写正确的 11 位手机号码')).toBeInTheDocument();
  await typeInto(container, 'addr-phone', '13800138000');
  click(container, 'address-save');
  expect(await screen.findByText('请选择所在地区')).toBeInTheDocument();

  click(container, 'region-field');
  for (const name of ['浙江省', '杭州市', '西湖区']) {
    const item = await waitFor(() => {
      const el = Array.from(container.ownerDocument.querySelectorAll('.nut-cascader-item')).find(
        (e) => e.textContent?.trim() === name,
      );
      if (!el) throw new Error(`no ${name}`);
      return el;
    });
    fireEvent.click(item);
  }
  await waitFor(() => expect(text(container, 'region-value')).toBe('浙江省 杭州市 西湖区'));
  await typeInto(container, 'addr-detail', '文三路 1 号');
  click(container, 'address-save');
  click(container, 'address-save'); // a double tap while the first is in flight
  release();
  await waitFor(() => expect(Taro.getStorageSync('gp.checkoutAddress')).toBe('a000000000009'));
  const posts = mockApi.callsTo('POST /addresses');
  expect(posts).toHaveLength(1);
  expect(posts[0].body).toEqual({
    name: '张三',
    phone: '13800138000',
    regionCode: '330106',
    detail: '文三路 1 号',
    isDefault: false,
  });
});

test('address form: the server refusing the phone is said in words', async () => {
  login();
  openWith('/pages/address-edit/index', {});
  mockApi.on('POST /addresses', fail(400, 'invalid_region'));
  const { container } = render(<AddressEditPage />);
  await screen.findByText('所在地区');
  await typeInto(container, 'addr-name', '张三');
  await typeInto(container, 'addr-phone', '13800138000');
  click(container, 'region-field');
  for (const name of ['北京市', '北京市', '朝阳区']) {
    const items = await waitFor(() => {
      const found = Array.from(container.ownerDocument.querySelectorAll('.nut-cascader-item')).filter(
        (e) => e.textContent?.trim() === name && !e.classList.contains('active'),
      );
      if (!found.length) throw new Error(`no ${name}`);
      return found;
    });
    fireEvent.click(items[items.length - 1]);
  }
  await waitFor(() => expect(text(container, 'region-value')).toBe('北京市 朝阳区'));
  await typeInto(container, 'addr-detail', '建国路 1 号');
  click(container, 'address-save');
  expect(await screen.findByText('所在地区无效，请重新选择省、市、区')).toBeInTheDocument();
});

test('收货地址: the default marked, deleting asks first, 设为默认 moves it', async () => {
  login();
  openWith('/pages/addresses/index', {});
  const book = {
    addresses: [
      {
        addressId: 'a1',
        name: '张三',
        phone: '13800138000',
        regionCode: '330106',
        region: '浙江省 杭州市 西湖区',
        detail: '文三路 1 号',
        isDefault: true,
      },
      {
        addressId: 'a2',
        name: '李四',
        phone: '19912345678',
        regionCode: '440305',
        region: '广东省 深圳市 南山区',
        detail: '科技园',
        isDefault: false,
      },
    ],
    defaultId: 'a1',
  };
  mockApi
    .on('GET /addresses', book)
    .on('DELETE /addresses/a2', { deleted: 'a2', defaultId: 'a1' })
    .on('PUT /addresses/a2', { ...book.addresses[1], isDefault: true });
  const { container } = render(<AddressesPage />);
  await screen.findByText('李四');
  expect(container.querySelector('.address-a1 .address-default-tag')).not.toBeNull();
  expect(container.querySelector('.address-a2 .address-default-tag')).toBeNull();
  expect(text(container, 'address-a1')).toContain('138****8000');

  fireEvent.click(container.querySelector('.address-a2 .address-make-default')!);
  await waitFor(() => expect(mockApi.callsTo('PUT /addresses/a2')).toHaveLength(1));
  expect(mockApi.callsTo('PUT /addresses/a2')[0].body).toEqual({
    name: '李四',
    phone: '19912345678',
    regionCode: '440305',
    detail: '科技园',
    isDefault: true,
  });

  fireEvent.click(container.querySelector('.address-a2 .address-delete')!);
  expect(await screen.findByText('确定删除 李四 广东省 深圳市 南山区 科技园 吗？')).toBeInTheDocument();
  expect(mockApi.callsTo('DELETE /addresses/a2')).toHaveLength(0);
  fireEvent.click(
    screen.getByText('删除', { selector: '.nut-dialog-footer *, .nut-dialog-footer-ok, button, taro-button-core' }),
  );
  await waitFor(() => expect(mockApi.callsTo('DELETE /addresses/a2')).toHaveLength(1));
});

test('我的: the nickname instead of the id, and a new one saved', async () => {
  login('u_1e9c');
  mockApi
    .on('GET /profile', { userId: 'u_1e9c', nickname: '', avatar: '' })
    .on('PUT /profile', { userId: 'u_1e9c', nickname: '绿叶 小王', avatar: '' });
  const { container } = render(<MinePage />);
  await waitFor(() => expect(text(container, 'mine-nickname')).toBe('未设置昵称'));
  expect(container.textContent).not.toContain('u_1e9c');
  click(container, 'profile-edit');
  await typeInto(container, 'nickname-input', '绿叶 小王');
  click(container, 'nickname-save');
  await waitFor(() => expect(text(container, 'mine-nickname')).toBe('绿叶 小王'));
  expect(mockApi.callsTo('PUT /profile')[0].body).toEqual({ nickname: '绿叶 小王' });
});

test('我的: a refused nickname is said in words', async () => {
  login('uB');
  mockApi
    .on('GET /profile', { userId: 'uB', nickname: '老王', avatar: '' })
    .on('PUT /profile', fail(400, 'invalid_nickname'));
  const { container } = render(<MinePage />);
  await waitFor(() => expect(text(container, 'mine-nickname')).toBe('老王'));
  click(container, 'profile-edit');
  await typeInto(container, 'nickname-input', '<b>');
  click(container, 'nickname-save');
  expect(await screen.findByText('昵称为 1–20 个字，可用中文、字母、数字和空格')).toBeInTheDocument();
});

test('chart time labels: days over a long range, minutes within two days, seconds within an hour', () => {
  const t = new Date(2026, 10, 24, 9, 30, 15).getTime();
  expect(tickLabel(t, 10 * 86400_000)).toBe('11-24');
  expect(tickLabel(t, 5 * 3600_000)).toBe('09:30');
  expect(tickLabel(t, 120_000)).toBe('09:30:15');
});
