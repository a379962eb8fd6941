import { fireEvent, waitFor } from '@testing-library/react';
import { Current } from '@tarojs/runtime';

export const KEY_RE = /^[A-Za-z0-9_-]{1,64}$/;

/** Types into the <input> that Taro's Input web component renders (once it has rendered). */
export async function typeInto(container: HTMLElement, cls: string, value: string) {
  const input = await waitFor(() => {
    const el = container.querySelector(`.${cls} input`);
    if (!el) throw new Error(`no input inside .${cls}`);
    return el;
  });
  fireEvent.input(input, { target: { value } });
}

export function click(container: HTMLElement, cls: string) {
  const el = container.querySelector(`.${cls}`);
  if (!el) throw new Error(`no .${cls}`);
  fireEvent.click(el);
}

export const text = (container: HTMLElement, cls: string) => container.querySelector(`.${cls}`)?.textContent ?? '';

/** The text of each class at once, to compare a whole card with one toEqual. */
export const texts = (container: HTMLElement, ...classes: string[]): Record<string, string> =>
  Object.fromEntries(classes.map((c) => [c, text(container, c)]));

/** The page's query, as Taro's router would set it before mounting the page. */
export function openWith(path: string, params: Record<string, string>) {
  Current.router = { params, path, onReady: '', onHide: '', onShow: '' } as unknown as typeof Current.router;
}

export function login(userId = 'uA') {
  const Taro = require('@tarojs/taro').default ?? require('@tarojs/taro');
  Taro.setStorageSync('gp.token', `token-${userId}`);
  Taro.setStorageSync('gp.userId', userId);
}
