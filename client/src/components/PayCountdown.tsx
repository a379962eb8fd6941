import { useEffect, useRef, useState } from 'react';
import { Text } from '@tarojs/components';

/** "14:05" for what is left until `expiresAt` at `now`; '' once it has passed. */
export function timeLeft(expiresAt: string, now: number): string {
  const ms = Date.parse(expiresAt) - now;
  if (!Number.isFinite(ms) || ms <= 0) return '';
  const s = Math.ceil(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h > 0 ? `${h}:${pad(m)}` : pad(m)}:${pad(s % 60)}`;
}

/**
 * The cash desk's countdown: an unpaid order is cancelled by the server at `payExpiresAt`
 * (its stock goes back). At zero it says so and asks the page to read the order again.
 */
export function PayCountdown({ expiresAt, onExpired }: { expiresAt: string; onExpired?: () => void }) {
  const [now, setNow] = useState(() => Date.now());
  const left = timeLeft(expiresAt, now);
  useEffect(() => {
    if (!left) return undefined;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [left]);
  // Once, when it reaches zero while shown (an order loaded already expired asks nothing).
  const counting = useRef(!!left);
  useEffect(() => {
    if (left || !counting.current) return;
    counting.current = false;
    onExpired?.();
  }, [left, onExpired]);
  return left ? (
    <Text className="hint pay-countdown">
      请在 <Text className="pay-countdown-left">{left}</Text> 内完成支付，超时订单将自动取消
    </Text>
  ) : (
    <Text className="hint pay-expired">支付已超时，订单将自动取消</Text>
  );
}
