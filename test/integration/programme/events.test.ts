// Every example event under functions/events/ is accepted by its staff function as written
// (with a real token in place of the placeholder): no schema error, and the name is registered.
// Business answers (an order id that does not exist, …) are fine: the examples hold placeholders.
import fs from 'fs';
import path from 'path';
import { freshTable, staff } from './world';
import { log } from '../../../functions/src/log';

const dir = path.join(__dirname, '../../../functions/events');
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();

beforeAll(async () => {
  await freshTable('events');
});

it('has an example for every staff function', async () => {
  const { STAFF_FUNCTIONS } = await import('../../../functions/src/staff/index');
  const named = new Set(files.map((f) => f.split('.')[0]));
  for (const name of Object.keys(STAFF_FUNCTIONS)) expect([name, named.has(name)]).toEqual([name, true]);
});

it.each(files)('%s is a valid event', async (file) => {
  const name = file.split('.')[0]!;
  const { token: _placeholder, ...event } = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  const quiet = jest.spyOn(log, 'error').mockImplementation(() => undefined);
  const r = await staff(name, event);
  quiet.mockRestore();
  if (!r.ok) expect([file, r.error.code]).not.toEqual([file, 'invalid_request']);
  if (!r.ok) expect(r.error.code).not.toBe('internal');
});
