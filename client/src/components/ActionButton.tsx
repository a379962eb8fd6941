import type { ReactNode } from 'react';
import { Button } from '@tarojs/components';

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

/**
 * A button that starts a call. On H5, React writes `disabled={false}` as the attribute
 * disabled="false", and Taro's CSS greys out any [disabled] with white text: an empty-looking
 * button on a white card. So the attribute is left out unless the button really is disabled.
 */
export function ActionButton({ cls, busy, disabled, onClick, children }: Props) {
  return (
    <Button className={`btn ${cls}`} disabled={offIf(busy || !!disabled)} onClick={onClick}>
      {busy ? '处理中…' : children}
    </Button>
  );
}
