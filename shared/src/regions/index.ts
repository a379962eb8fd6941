// GB/T 2260 region codes (province 440000, city 440300, district 440305) and their names, from
// the generated data.json (scripts/gen-regions.js). Not exported from the engine's index: only
// the pages and functions that need 3,900 names import this module.
import data from './data.json';

const NAMES: Readonly<Record<string, string>> = data;

export type RegionLevel = 'province' | 'city' | 'district';

export interface RegionOption {
  code: string;
  name: string;
}

export function levelOf(code: string): RegionLevel {
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'district';
}

export function regionName(code: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(NAMES, code) ? NAMES[code] : undefined;
}

const CHILDREN = new Map<string, RegionOption[]>();
for (const [code, name] of Object.entries(NAMES)) {
  const level = levelOf(code);
  if (level === 'province') continue;
  const parent = level === 'city' ? `${code.slice(0, 2)}0000` : `${code.slice(0, 4)}00`;
  const list = CHILDREN.get(parent) ?? [];
  list.push({ code, name });
  CHILDREN.set(parent, list);
}

export const PROVINCES: RegionOption[] = Object.entries(NAMES)
  .filter(([code]) => levelOf(code) === 'province')
  .map(([code, name]) => ({ code, name }));

/** The cities of a province or the districts of a city, in code order. */
export function childrenOf(code: string): RegionOption[] {
  return CHILDREN.get(code) ?? [];
}

/** The codes from the province down to `code`: ['440000', '440300', '440305']. */
export function pathOf(code: string): string[] {
  const level = levelOf(code);
  const province = `${code.slice(0, 2)}0000`;
  if (level === 'province') return [code];
  if (level === 'city') return [province, code];
  const city = `${code.slice(0, 4)}00`;
  return regionName(city) ? [province, city, code] : [province, code];
}

/**
 * A code a delivery address may carry: it exists and is the most specific level listed (a
 * district, or a city / region listed without districts, e.g. 东莞市).
 */
export function isDeliveryCode(code: string): boolean {
  return /^\d{6}$/.test(code) && regionName(code) !== undefined && childrenOf(code).length === 0;
}

/** '广东省 深圳市 南山区' for a code (names of the path, the same city name not repeated). */
export function regionText(code: string): string {
  const names = pathOf(code)
    .map((c) => regionName(c))
    .filter((n): n is string => !!n);
  return names.filter((n, i) => n !== names[i - 1]).join(' ');
}
