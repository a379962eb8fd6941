// npm run simulate -- --orders 100 --amount 100 --contribution 30 [--json]
import { simulate, formatTable } from '../simulate';
import { isRuleError } from '../errors';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

try {
  const orders = Number(arg('orders', '100'));
  const rows = simulate(orders, arg('amount', '100'), arg('contribution', '30'));
  if (process.argv.includes('--json')) {
    process.stdout.write(JSON.stringify(rows, null, 0).replace(/},{/g, '},\n{') + '\n');
  } else {
    process.stdout.write(formatTable(rows) + '\n');
  }
} catch (e) {
  if (isRuleError(e)) {
    process.stderr.write(`simulate: ${e.code}: ${e.message}\n`);
    process.exit(2);
  }
  throw e;
}
