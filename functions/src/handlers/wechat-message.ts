// WeChat's message push for the mini-program (GET: the console's URL check; POST: events). No
// bearer token: the signature over the push token verifies it (adapters/wechat/message.ts).
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { receiptEvent, SANDBOX_MESSAGE_TOKEN, verifyMessage } from '../adapters/wechat/message';
import { onWeChatReceipt } from '../domain/orders/wechat-receipt';
import { core } from '../wiring/core';
import { pool } from '../wiring/pool';
import { orders } from '../wiring/orders';
import { referrals } from '../wiring/programme';
import { audit } from '../wiring/audit';
import { wechat } from '../wiring/ports';
import { json, MAX_BODY_BYTES } from '../http/wrapper';
import { errorBody, toErrorReply } from '../errors';
import { isLocalStage } from '../stage';

const deps = { ...core, ...pool, ...orders, ...referrals, ...audit, ...wechat };

function token(): string | undefined {
  const t = process.env.WECHAT_MESSAGE_TOKEN?.trim();
  return t || (isLocalStage() ? SANDBOX_MESSAGE_TOKEN : undefined);
}

export async function wechatMessage(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  try {
    const t = token();
    if (!t) return json(500, errorBody('config_missing', 'WECHAT_MESSAGE_TOKEN is not set'));
    const q = event.queryStringParameters ?? {};
    verifyMessage(t, q);
    if (event.requestContext?.http?.method === 'GET')
      return { statusCode: 200, headers: { 'Content-Type': 'text/plain' }, body: q.echostr ?? '' };
    let raw = event.body ?? '';
    if (event.isBase64Encoded) raw = Buffer.from(raw, 'base64').toString('utf8');
    if (Buffer.byteLength(raw) > MAX_BODY_BYTES) return json(413, errorBody('payload_too_large', 'body too large'));
    const receipt = receiptEvent(raw);
    if (receipt) await onWeChatReceipt(deps, receipt);
    // WeChat wants "success" (or an empty body) for a push it need not repeat.
    return { statusCode: 200, headers: { 'Content-Type': 'text/plain' }, body: 'success' };
  } catch (e) {
    const r = toErrorReply(e);
    return json(r.status, r.body);
  }
}
