// CSV as the staff queries write it (docs/staff.md): UTF-8 with a BOM so Excel reads the Chinese,
// CRLF lines, one header line, and a cell a spreadsheet would run as a formula quoted with '.
export interface Column {
  key: string;
  title: string;
}

function cell(v: unknown): string {
  let s = v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  if (/^[=+\-@]/.test(s) && !/^[+-]?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: ReadonlyArray<object>, columns: Column[]): string {
  const head = columns.map((c) => cell(c.title)).join(',');
  const body = rows.map((r) => columns.map((c) => cell((r as Record<string, unknown>)[c.key])).join(','));
  return '\ufeff' + [head, ...body].join('\r\n') + '\r\n';
}

export function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Splits CSV text into rows of cells (RFC 4180 quotes; a BOM and blank lines are dropped). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cur = '';
  let quoted = false;
  const src = text.replace(/^\ufeff/, '');
  const endCell = () => {
    row.push(cur);
    cur = '';
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endCell();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      endCell();
      rows.push(row);
      row = [];
    } else cur += ch;
  }
  if (cur !== '' || row.length > 0) {
    endCell();
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}
