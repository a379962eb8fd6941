import { Input } from '../ui/input';

interface Props {
  cls: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  /** 'digit' for amounts (the number pad with a decimal point), 'tel' for phone numbers. */
  type?: 'text' | 'digit' | 'tel' | 'nickname';
  maxLength?: number;
  onConfirm?: () => void;
}

/** A full-width input inside a card (NutUI's Input; styles in app.css `.input`). */
export function Field({ cls, placeholder, value, onChange, type = 'text', maxLength, onConfirm }: Props) {
  return (
    <Input
      className={`input ${cls}`}
      type={type === 'tel' ? 'number' : type}
      placeholder={placeholder}
      value={value}
      {...(maxLength ? { maxLength } : {})}
      onChange={(v: string) => onChange(v)}
      onConfirm={onConfirm ? () => onConfirm() : undefined}
    />
  );
}
