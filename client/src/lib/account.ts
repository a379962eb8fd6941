import Taro from '@tarojs/taro';
import type { ExportAnswer } from '../api';
import { callWx, hasWx } from './wechat';

// 导出我的数据: the server's JSON document, handed to the shopper the way the platform allows.

export const EXPORT_FILE = 'greenpoints-my-data.json';

/** H5: a download of the file. */
function download(json: string): boolean {
  if (typeof document === 'undefined' || typeof URL === 'undefined' || !URL.createObjectURL) return false;
  const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = EXPORT_FILE;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}

/** Mini-program: the file in the user data folder, sent to a chat (where the shopper keeps it). */
async function shareFile(json: string): Promise<boolean> {
  const env = (globalThis as { wx?: { env?: { USER_DATA_PATH?: string } } }).wx?.env;
  if (!env?.USER_DATA_PATH || !hasWx('shareFileMessage')) return false;
  const filePath = `${env.USER_DATA_PATH}/${EXPORT_FILE}`;
  Taro.getFileSystemManager().writeFileSync(filePath, json, 'utf8');
  await callWx('shareFileMessage', { filePath, fileName: EXPORT_FILE });
  return true;
}

/** Hands the document over; answers what the shopper reads. */
export async function saveExport(doc: ExportAnswer): Promise<string> {
  const json = JSON.stringify(doc, null, 2);
  if (process.env.TARO_ENV === 'weapp') {
    if (await shareFile(json)) return '数据文件已生成，可发送到聊天中保存';
  } else if (download(json)) {
    return `已下载 ${EXPORT_FILE}`;
  }
  await Taro.setClipboardData({ data: json });
  return '数据已复制到剪贴板';
}
