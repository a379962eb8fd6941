import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { wxFn } from './wechat';

// 用户隐私保护指引. WeChat asks through wx.onNeedPrivacyAuthorization the moment a page calls a
// privacy API (the avatar picker, the nickname field …) and waits for `resolve`; our popup's
// 同意 button (open-type agreePrivacyAuthorization) gives that answer. The forms that collect
// phone, address or avatar also ask once themselves, on H5 too, before anything is typed.

export type PrivacyAnswer = { event: 'agree'; buttonId: string } | { event: 'disagree' };
type Resolve = (answer: PrivacyAnswer) => void;

const AGREED = 'gp.privacyAgreed';
export const AGREE_BUTTON_ID = 'agree-privacy';

let waiting: Resolve[] = [];
const listeners = new Set<(open: boolean) => void>();
const tell = (open: boolean) => listeners.forEach((l) => l(open));

export const hasAgreed = (): boolean => Taro.getStorageSync(AGREED) === '1';

/** Opens the popup; `resolve` (WeChat's, when it asked) gets the shopper's answer. */
export function askPrivacy(resolve?: Resolve): void {
  if (resolve) waiting.push(resolve);
  tell(true);
}

/** The popup's answer: WeChat's pending requests settle, an agreement is remembered. */
export function answerPrivacy(answer: PrivacyAnswer): void {
  if (answer.event === 'agree') Taro.setStorageSync(AGREED, '1');
  const pending = waiting;
  waiting = [];
  pending.forEach((r) => r(answer));
  tell(false);
}

/** At launch (app.tsx): WeChat's requests open our popup. Nothing on H5. */
export function installPrivacyGuide(): void {
  const on = wxFn<(listener: (resolve: Resolve) => void) => void>('onNeedPrivacyAuthorization');
  on?.((resolve) => askPrivacy(resolve));
}

/** Whether the popup is open (a page that shows it subscribes). */
export function usePrivacyPopup(): boolean {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    listeners.add(setOpen);
    return () => {
      listeners.delete(setOpen);
    };
  }, []);
  return open;
}

/** A form that collects personal data asks first, once (remembered on the device). */
export function useConsentFirst(): void {
  useEffect(() => {
    if (!hasAgreed()) askPrivacy();
  }, []);
}
