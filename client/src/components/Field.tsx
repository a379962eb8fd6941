import { Input } from '@tarojs/components';

interface Props {
  cls: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  /** 'digit' for amounts: the number pad with a decimal point. */
  type?: 'text' | 'digit';
  onConfirm?: () => void;
}

/** A full-width input inside a card (styles in app.css `.input`). */
export function Field({ cls, placeholder, value, onChange, type = 'text', onConfirm }: Props) {
  return (
    <Input
      className={`input ${cls}`}
      type={type}
      placeholder={placeholder}
      value={value}
      onInput={(e) => onChange(e.detail.value)}
      onConfirm={onConfirm}
    />
  );
}
