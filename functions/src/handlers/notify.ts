// WeChat Pay's notices (payment, transfer bill): no bearer token; parseNotify verifies the signature.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { markPaid } from '../domain/orders/payment';
import { core } from '../wiring/core';
import { orders } from '../wiring/orders';
import { audit } from '../wiring/audit';
import { wechatPay as pay, wechatTransfer as transfer } from '../wiring/ports';
import { onTransferNotice } from '../domain/wallet/transfers';
import { transferDeps } from '../wiring/transfers';
import { json, MAX_BODY_BYTES } from '../http/wrapper';
import { errorBody, toErrorReply } from '../errors';

const deps = { ...core, ...orders, ...audit, ...pay, ...transfer };

export async function wechatPay(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  try {
    let raw = event.body ?? '';
    if (event.isBase64Encoded) raw = Buffer.from(raw, 'base64').toString('utf8');
    if (Buffer.byteLength(raw) > MAX_BODY_BYTES) return json(413, errorBody('payload_too_large', 'body too large'));
    const notice = await deps.wechatPay().parseNotify(event.headers ?? {}, raw);
    await markPaid(deps, notice.orderId, {
      transactionId: notice.transactionId,
      amount: notice.amount,
      paidAt: notice.paidAt,
    });
    return json(200, { code: 'SUCCESS', message: 'OK' });
  } catch (e) {
    const r = toErrorReply(e);
    return json(r.status, r.body);
  }
}

/** The raw body as WeChat signed it, or an answer refusing it. */
function rawBody(event: APIGatewayProxyEventV2): string | APIGatewayProxyStructuredResultV2 {
  let raw = event.body ?? '';
  if (event.isBase64Encoded) raw = Buffer.from(raw, 'base64').toString('utf8');
  if (Buffer.byteLength(raw) > MAX_BODY_BYTES) return json(413, errorBody('payload_too_large', 'body too large'));
  return raw;
}

/** 商家转账 bill notify (MCHTRANSFER.BILL.FINISHED): the bill's final state, applied once. */
export async function wechatTransfer(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  try {
    const raw = rawBody(event);
    if (typeof raw !== 'string') return raw;
    const bill = await deps.wechatTransfer().parseNotify(event.headers ?? {}, raw);
    await onTransferNotice(transferDeps(), bill);
    return json(200, { code: 'SUCCESS', message: 'OK' });
  } catch (e) {
    const r = toErrorReply(e);
    return json(r.status, r.body);
  }
}
