// The parameters' writes on DynamoDB (domain/operator/config.ts ConfigAdmin): the config item, its
// version history and the pool guard of a change.
import type { ConfigAdmin } from '../domain/operator/config';
import { getItem } from './ddb';
import { keys } from './keys';
import { toPool } from './repository';
import { asWrite } from './writes';

export const configAdmin: ConfigAdmin = {
  async poolNow(params) {
    const item = await getItem(keys.pool());
    return { pool: toPool(item, params), ...(item ? { seq: Number(item.seq) } : {}) };
  },
  write(params, version, priorVersion, at) {
    const text = JSON.stringify(params);
    return [
      asWrite({
        op: 'put',
        item: { ...keys.config(), type: 'config', params: text, version, at },
        ifVersion: priorVersion === 0 ? null : priorVersion,
      }),
      asWrite({
        op: 'create',
        item: { ...keys.configVersion(version), type: 'config_version', params: text, version, at },
      }),
    ];
  },
  poolAt: (seq) => asWrite({ op: 'check', key: keys.pool(), ifEquals: { seq } }),
};
