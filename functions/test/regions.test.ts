// GB/T 2260 codes: the dataset's shape, the delivery-code check, and the agent match on codes
// (an agent of province 44 or city 4403 contains district 440305; the longest prefix wins).
import { PROVINCES, childrenOf, isDeliveryCode, pathOf, regionText } from '@greenpoints/shared/src/regions';
import { agentFor } from '../src/domain/programme/agents';
import { checkAddress } from '../src/domain/shop/addresses';

it('has every province (34 incl. HK, Macao, Taiwan) and their cities and districts', () => {
  expect(PROVINCES).toHaveLength(34);
  expect(PROVINCES.map((p) => p.name)).toEqual(expect.arrayContaining(['北京市', '广东省', '新疆维吾尔自治区']));
  for (const p of PROVINCES) expect([p.name, childrenOf(p.code).length > 0]).toEqual([p.name, true]);
  expect(childrenOf('440300').map((d) => d.name)).toContain('南山区');
});

it('names the path of a code and accepts only the most specific level', () => {
  expect(pathOf('440305')).toEqual(['440000', '440300', '440305']);
  expect(regionText('110105')).toBe('北京市 朝阳区'); // the city 北京市 is not repeated
  expect(isDeliveryCode('440305')).toBe(true);
  expect(isDeliveryCode('440300')).toBe(false);
  expect(isDeliveryCode('440000')).toBe(false);
  expect(isDeliveryCode('440399')).toBe(false);
  expect(isDeliveryCode('44030')).toBe(false);
});

it('matches agents on the code: the most specific assigned prefix', () => {
  const agents = new Map([
    ['44', 'province-agent'],
    ['4403', 'city-agent'],
  ]);
  expect(agentFor('440305', agents)).toBe('city-agent');
  expect(agentFor('440106', agents)).toBe('province-agent');
  expect(agentFor('330106', agents)).toBeUndefined();
  expect(agentFor('440305', new Map([...agents, ['440305', 'district-agent']]))).toBe('district-agent');
});

it('checks an address: phone and code, names from the code', () => {
  expect(checkAddress({ name: ' 张三 ', phone: '13800138000', regionCode: '440305', detail: ' 科技园 ' })).toEqual({
    name: '张三',
    phone: '13800138000',
    regionCode: '440305',
    region: '广东省 深圳市 南山区',
    detail: '科技园',
  });
  expect(() => checkAddress({ name: 'a', phone: '+8613800138000', regionCode: '440305', detail: 'x' })).toThrow(
    expect.objectContaining({ code: 'invalid_phone' }),
  );
  expect(() => checkAddress({ name: 'a', phone: '13800138000', regionCode: '440300', detail: 'x' })).toThrow(
    expect.objectContaining({ code: 'invalid_region' }),
  );
});
