import { useState } from 'react';
import { useAction } from './hooks';

export interface AmountForm<R> {
  input: string;
  setInput: (v: string) => void;
  /** The form's own check, or the API's refusal, in words. */
  error: string;
  setError: (e: string) => void;
  result: R | null;
  running: boolean;
  /** Checks `value` (default: the input) and sends it; the result shows until the next edit. */
  submit: (value?: string) => Promise<R | undefined>;
}

/**
 * One amount box with its action (sell, convert, withdraw…): the input, a check before
 * anything is sent (returns an error sentence or ''), one Idempotency-Key per action
 * (useAction), and the answer. `onDone` runs after a success (e.g. reload the wallet).
 */
export function useAmountForm<R>(
  call: (value: string, idempotencyKey: string) => Promise<R>,
  check: (value: string) => string,
  onDone?: (r: R) => void,
): AmountForm<R> {
  const [input, setInputState] = useState('');
  const [error, setError] = useState('');
  const [result, setResult] = useState<R | null>(null);
  const action = useAction(call);
  const setInput = (v: string) => {
    setInputState(v);
    setError('');
    action.clearError();
  };
  const submit = async (value = input.trim()) => {
    setError('');
    setResult(null);
    const problem = check(value);
    if (problem) {
      setError(problem);
      return undefined;
    }
    const r = await action.run(value);
    if (r !== undefined) {
      setResult(r);
      setInputState('');
      onDone?.(r);
    }
    return r;
  };
  return { input, setInput, error: error || action.error, setError, result, running: action.running, submit };
}
