import type { ReactNode } from 'react';
import { Button } from '../ui/button';

/** `true` or no attribute at all (see below). */
export const offIf = (off: boolean): true | undefined => (off ? true : undefined);

interface Props {
  /** Classes after `btn`, e.g. 'btn-primary sell-confirm'. */
  cls: string;
  /** The call is in flight: the button says so and takes no taps. */
  busy: boolean;
  disabled?: boolean;
  onClick: () => void;
  children: ReactNode;
}

/** NutUI's type and fill for our three looks (btn-primary, btn-plain, btn-danger). */
export function nutLook(cls: string): { type: 'primary' | 'danger' | 'default'; fill: 'solid' | 'outline' } {
  if (cls.includes('btn-danger')) return { type: 'danger', fill: 'outline' };
  if (cls.includes('btn-plain')) return { type: 'primary', fill: 'outline' };
  return { type: 'primary', fill: 'solid' };
}

/**
 * A button that starts a call (NutUI's Button): 处理中… while busy, and no second tap. A tap
 * while busy or disabled is dropped here too, not only by NutUI, so a double tap starts one call.
 * On H5 a `disabled="false"` attribute made Taro's CSS paint the label white; app.css keeps
 * `.btn` labels readable whatever the attribute says.
 */
export function ActionButton({ cls, busy, disabled, onClick, children }: Props) {
  const off = busy || !!disabled;
  return (
    <Button
      className={`btn ${cls}`}
      {...nutLook(cls)}
      block
      disabled={offIf(off)}
      onClick={() => {
        if (!off) onClick();
      }}
    >
      {busy ? '处理中…' : children}
    </Button>
  );
}
