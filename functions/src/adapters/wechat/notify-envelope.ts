// The v3 notify envelope WeChat POSTs for every event (payment, transfer bill): the signed body
// whose `resource` is sealed with AEAD_AES_256_GCM under the APIv3 key.
import { z } from 'zod';

export const NotifyEnvelope = z.object({
  id: z.string(),
  create_time: z.string().optional(),
  event_type: z.string(),
  resource_type: z.literal('encrypt-resource'),
  resource: z.object({
    algorithm: z.literal('AEAD_AES_256_GCM'),
    ciphertext: z.string().min(1),
    associated_data: z.string().optional(),
    nonce: z.string().min(1),
    original_type: z.string().optional(),
  }),
  summary: z.string().optional(),
});
