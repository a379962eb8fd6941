// CSV export of a whole list: every page of the query (with progress), or the rows given.
import { Button, Modal, Progress } from 'antd';
import { useState } from 'react';
import type { Page } from '../api';
import { download, toCsv, type Column } from './csv';
import { showError } from './errors';

interface Props<R> {
  name: string;
  columns: Column[];
  rows?: ReadonlyArray<R>;
  fetchPage?: (cursor?: string) => Promise<Page<R>>;
}

/** Pages through the query until it has no cursor (at most 200 pages of 500). */
async function allRows<R>(fetchPage: (c?: string) => Promise<Page<R>>, onPage: (n: number) => void): Promise<R[]> {
  const out: R[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 200; i++) {
    const p = await fetchPage(cursor);
    out.push(...p.rows);
    onPage(out.length);
    if (!p.cursor) break;
    cursor = p.cursor;
  }
  return out;
}

export function ExportButton<R extends object>({ name, columns, rows, fetchPage }: Props<R>) {
  const [count, setCount] = useState<number | undefined>();
  const run = async () => {
    setCount(0);
    try {
      const list = fetchPage ? await allRows(fetchPage, setCount) : [...(rows ?? [])];
      download(`${name}-${new Date().toISOString().slice(0, 10)}.csv`, toCsv(list, columns));
    } catch (e) {
      showError(e);
    } finally {
      setCount(undefined);
    }
  };
  return (
    <>
      <Button onClick={() => void run()} loading={count !== undefined}>
        导出 CSV
      </Button>
      <Modal open={count !== undefined} title="正在导出" footer={null} closable={false}>
        <Progress percent={99} status="active" showInfo={false} />
        <p>已读取 {count ?? 0} 行 …</p>
      </Modal>
    </>
  );
}
