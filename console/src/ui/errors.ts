// A refused call in words staff understand, with the server's code for the record.
import { message } from 'antd';
import { isPending, StaffError, type Pending } from '../api';

const WORDS: Record<string, string> = {
  unauthorized: '登录已过期，请重新登录',
  forbidden: '当前角色无权执行此操作',
  not_available: '服务器暂不支持该功能',
  network: '无法连接服务器',
};

export function errorText(e: unknown): string {
  if (e instanceof StaffError) return `${WORDS[e.code] ?? e.message}（${e.code}）`;
  return e instanceof Error ? e.message : String(e);
}

export function showError(e: unknown): void {
  void message.error(errorText(e));
}

/** Says what happened to a money move: done, or waiting for a second signature. */
export function announce(r: unknown, done: string): r is Pending {
  if (isPending(r)) {
    void message.info(`已提交，等待另一位同事复核（复核单 ${r.approvalId}）`);
    return true;
  }
  void message.success(done);
  return false;
}
