// Local stage setup: create the table (same definition as serverless.yml) and seed demo data.
import {
  CreateTableCommand,
  DescribeTableCommand,
  ListTablesCommand,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import { ddb } from '../repo/ddb';
import { TABLE_DEFINITION, tableName } from '../repo/table';
import { seedProducts } from './seed';

export async function ensureTable(): Promise<boolean> {
  const name = tableName();
  const list = await ddb().send(new ListTablesCommand({}));
  if (list.TableNames?.includes(name)) {
    await addMissingIndexes(name);
    return false;
  }
  await ddb().send(
    new CreateTableCommand({
      TableName: name,
      ...TABLE_DEFINITION,
      GlobalSecondaryIndexes: [
        ...TABLE_DEFINITION.GlobalSecondaryIndexes.map((g) => ({ ...g, KeySchema: [...g.KeySchema] })),
      ],
      AttributeDefinitions: [...TABLE_DEFINITION.AttributeDefinitions],
      KeySchema: [...TABLE_DEFINITION.KeySchema],
    }),
  );
  for (let i = 0; i < 50; i++) {
    const d = await ddb().send(new DescribeTableCommand({ TableName: name }));
    if (d.Table?.TableStatus === 'ACTIVE') return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('table did not become active');
}

/** A table kept from an older run (npm start's data dir) gets the indexes added since. */
async function addMissingIndexes(name: string): Promise<void> {
  const d = await ddb().send(new DescribeTableCommand({ TableName: name }));
  const have = new Set((d.Table?.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName));
  for (const g of TABLE_DEFINITION.GlobalSecondaryIndexes) {
    if (have.has(g.IndexName)) continue;
    const attrs: string[] = g.KeySchema.map((k) => k.AttributeName);
    await ddb().send(
      new UpdateTableCommand({
        TableName: name,
        AttributeDefinitions: TABLE_DEFINITION.AttributeDefinitions.filter((a) => attrs.includes(a.AttributeName)).map(
          (a) => ({ ...a }),
        ),
        GlobalSecondaryIndexUpdates: [
          {
            Create: {
              IndexName: g.IndexName,
              KeySchema: g.KeySchema.map((k) => ({ ...k })),
              Projection: { ...g.Projection },
            },
          },
        ],
      }),
    );
  }
}

export async function setupLocal(): Promise<{ created: boolean; seeded: number }> {
  const created = await ensureTable();
  const seeded = await seedProducts();
  return { created, seeded };
}
