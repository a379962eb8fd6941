// A stand-in for the server behind src/api/request: tests declare answers per route and
// read back every call (method, path, body, Idempotency-Key). Nothing else is replaced.
import { ApiError } from '../src/api/errors';
import type { RequestOptions } from '../src/api/request';

export interface Call {
  method: string;
  path: string;
  body: unknown;
  key?: string;
  auth: boolean;
}

type Answer = unknown | ((call: Call) => unknown | Promise<unknown>);

export class FakeApi {
  calls: Call[] = [];
  private routes = new Map<string, Answer[]>();

  /** Queue answers for "METHOD /path"; the last one repeats. A function may throw ApiError. */
  on(route: string, ...answers: Answer[]): this {
    this.routes.set(route, answers);
    return this;
  }

  callsTo(route: string): Call[] {
    return this.calls.filter((c) => `${c.method} ${c.path}` === route);
  }

  handle = async (opts: RequestOptions): Promise<unknown> => {
    const call: Call = {
      method: opts.method,
      path: opts.path,
      body: opts.body,
      key: opts.idempotencyKey,
      auth: opts.auth !== false,
    };
    this.calls.push(call);
    const route = `${opts.method} ${opts.path}`;
    const list = this.routes.get(route) ?? this.routes.get(`${opts.method} ${opts.path.split('?')[0]}`);
    if (!list || list.length === 0) throw new ApiError(404, 'not_found', `no fake for ${route}`);
    const a = list.length > 1 ? list.shift() : list[0];
    return typeof a === 'function' ? (a as (c: Call) => unknown)(call) : JSON.parse(JSON.stringify(a ?? null));
  };
}

export const fail = (status: number, code: string) => () => {
  throw new ApiError(status, code, code);
};

/** An answer that waits until released: lets a test tap twice while a call is in flight. */
export function deferred<T>(value: T) {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  return { answer: async () => (await gate, value), release };
}
