// Local stage setup: create the table (same definition as serverless.yml) and seed demo data.
import { CreateTableCommand, DescribeTableCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ddb } from '../repo/ddb';
import { TABLE_DEFINITION, tableName } from '../repo/table';
import { seedProducts } from './seed';

export async function ensureTable(): Promise<boolean> {
  const name = tableName();
  const list = await ddb().send(new ListTablesCommand({}));
  if (list.TableNames?.includes(name)) return false;
  await ddb().send(new CreateTableCommand({ TableName: name, ...TABLE_DEFINITION, GlobalSecondaryIndexes: [...TABLE_DEFINITION.GlobalSecondaryIndexes.map((g) => ({ ...g, KeySchema: [...g.KeySchema] }))], AttributeDefinitions: [...TABLE_DEFINITION.AttributeDefinitions], KeySchema: [...TABLE_DEFINITION.KeySchema] }));
  for (let i = 0; i < 50; i++) {
    const d = await ddb().send(new DescribeTableCommand({ TableName: name }));
    if (d.Table?.TableStatus === 'ACTIVE') return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('table did not become active');
}

export async function setupLocal(): Promise<{ created: boolean; seeded: number }> {
  const created = await ensureTable();
  const seeded = await seedProducts();
  return { created, seeded };
}
