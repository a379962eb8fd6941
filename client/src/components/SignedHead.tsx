import { View, Text } from '@tarojs/components';
import { api } from '../api';
import { useRemote } from '../lib/hooks';
import { fmtTime } from '../lib/format';
import { checkHead } from '../lib/pool-check';

/** A hash as people read it aloud: its first and last 8 characters. */
export const shortHash = (h: string) => (h.length > 20 ? `${h.slice(0, 8)}…${h.slice(-8)}` : h || '（尚无批次）');

const VERDICT = {
  verified: '已签名 · 签名已在本机验证',
  unknown_key: '签名密钥未公布：无法验证',
  bad_signature: '签名无效：请勿信任此账本头',
};

/**
 * The pool's signed head (GET /pool/head), its signature checked here against the published
 * keys (GET /pool/keys): save the batch and hash, and `npm run verify-pool -- --expect-head` later
 * shows whether the log was rewritten since.
 */
export function SignedHead() {
  const remote = useRemote(() => Promise.all([api.poolHead(), api.poolKeys()]));
  if (!remote.data) return null;
  const [head, keys] = remote.data;
  const check = checkHead(head, keys);
  return (
    <View className="card signed-head">
      <Text className="card-title">账本头（已签名）</Text>
      <View className="row">
        <Text className="label">批次</Text>
        <Text className="head-batch">{String(head.batch)}</Text>
      </View>
      <View className="row">
        <Text className="label">哈希</Text>
        <Text className="head-hash">{shortHash(head.hash)}</Text>
      </View>
      <View className="row">
        <Text className="label">签名时间</Text>
        <Text className="head-at">{fmtTime(head.at)}</Text>
      </View>
      <View className="row">
        <Text className="label">密钥</Text>
        <Text className="head-key">{head.keyId}</Text>
      </View>
      <Text className={`head-verdict ${check.state === 'verified' ? 'ok' : 'bad'}`}>{VERDICT[check.state]}</Text>
      <Text className="hint">
        记下批次与哈希，日后运行 npm run verify-pool -- --expect-head {String(head.batch)}
        :哈希，即可确认账本没有被改写。
      </Text>
    </View>
  );
}
