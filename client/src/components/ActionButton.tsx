import type { ReactNode } from 'react'
import { Button } from '@tarojs/components'

interface Props {
  /** Classes after `btn`, e.g. 'btn-primary sell-confirm'. */
  cls: string
  /** The call is in flight: the button says so and takes no taps. */
  busy: boolean
  disabled?: boolean
  onClick: () => void
  children: ReactNode
}

/**
 * A button that starts a call. Not Taro's `loading` prop: on H5 its spinner is inserted next to
 * the slot, and once it goes away the label went with it (an empty button in the e2e screenshots).
 */
export function ActionButton({ cls, busy, disabled, onClick, children }: Props) {
  return (
    <Button className={`btn ${cls}`} disabled={busy || !!disabled} onClick={onClick}>
      {busy ? '处理中…' : children}
    </Button>
  )
}
