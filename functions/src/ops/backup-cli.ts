// `npm run backup -- [FILE] [--table NAME] [--segments N] [--max-items N]` and
// `npm run restore -- FILE [--table NAME]` (docs/reliability.md "Backups and the restore drill").
// Against the local stack by default (DDB_ENDPOINT, default http://127.0.0.1:8000; TABLE_NAME,
// default greenpoints-local); with DDB_ENDPOINT= (empty) and AWS credentials, against AWS.
import fs from 'fs';
import path from 'path';
import { backupTable, readHeader, restoreTable } from './backup';

process.env.DDB_ENDPOINT ??= 'http://127.0.0.1:8000';

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
}

const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');

async function main(): Promise<number> {
  const [cmd, ...args] = process.argv.slice(2);
  const table = flag(args, '--table');
  if (cmd === 'backup') {
    const source = table ?? process.env.TABLE_NAME ?? 'greenpoints-local';
    const segments = Number(flag(args, '--segments') ?? 4);
    const maxItems = Number(flag(args, '--max-items') ?? 10_000_000);
    const file = args[0] ?? path.join('backups', `${source}-${stamp()}.jsonl`);
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const r = await backupTable(source, file, { segments, maxItems });
    console.log(JSON.stringify({ table: source, file, items: r.items }));
    return 0;
  }
  if (cmd === 'restore' && args[0]) {
    const header = await readHeader(args[0]);
    const target = table ?? `${header.table ?? 'greenpoints'}-restored-${stamp().toLowerCase()}`;
    const r = await restoreTable(args[0], target);
    console.log(JSON.stringify({ file: args[0], table: target, items: r.items }));
    return 0;
  }
  console.error(
    'usage: npm run backup -- [FILE] [--table NAME] [--segments N] [--max-items N]\n' +
      '       npm run restore -- FILE [--table NAME]',
  );
  return 2;
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(`[${process.argv[2]}] ${e.message}`);
    process.exit(1);
  },
);
