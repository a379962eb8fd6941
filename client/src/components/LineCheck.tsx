import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { api, ApiError } from '../api';
import { describeError } from '../lib/errors';
import { checkLine, type LineCheck as Result } from '../lib/pool-check';
import { shortHash } from './SignedHead';

type State =
  | { step: 'idle' }
  | { step: 'checking' }
  | { step: 'done'; r: Result }
  | { step: 'outside'; why: string }
  | { step: 'failed'; why: string };

/**
 * 核对 one of the caller's own ledger lines against the public log: the server says which batch
 * holds the event and the caller's pseudonym there (GET /pool/proof); the batch is downloaded
 * and checked here, hash and replay, with the same engine the server runs.
 */
export function LineCheck({ eventId }: { eventId: string }) {
  const [state, setState] = useState<State>({ step: 'idle' });
  const run = async () => {
    setState({ step: 'checking' });
    try {
      const proof = await api.poolProof(eventId);
      setState({ step: 'done', r: checkLine(proof, await api.poolBatch(proof.batch)) });
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setState({ step: 'outside', why: '这笔不经过分红池账本' });
      else setState({ step: 'failed', why: describeError(e) });
    }
  };
  if (state.step === 'done') return <Checked r={state.r} />;
  if (state.step === 'outside' || state.step === 'failed')
    return <Text className="line-check-result hint">{state.why}</Text>;
  return (
    <Text className="line-check-run link" onClick={state.step === 'idle' ? run : undefined}>
      {state.step === 'idle' ? '核对' : '核对中…'}
    </Text>
  );
}

function Checked({ r }: { r: Result }) {
  return (
    <View className={`line-check-result ${r.ok ? 'ok' : 'bad'}`}>
      <View>
        <Text>
          第 {String(r.batch)} 批 · 哈希 {shortHash(r.hash)}
          {r.price ? ` · 重算价格 ¥${r.price}` : ''}
        </Text>
      </View>
      <View>
        <Text className="line-check-verdict">{r.ok ? '✓ 与公开账本一致' : `✗ ${r.problems.join('；')}`}</Text>
      </View>
    </View>
  );
}
