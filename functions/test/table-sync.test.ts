// The table is defined twice (code for local creation, serverless.yml for CloudFormation):
// they must agree, and every route of the API must have a function.
import fs from 'fs';
import path from 'path';
import yaml from 'js-yaml';
import { TABLE_DEFINITION } from '../src/repo/table';
import { QUEUE_PREFIX } from '../src/repo/keys';

const cfnTags = ['GetAtt', 'Join', 'Ref', 'Sub'].flatMap((name) =>
  (['scalar', 'sequence'] as const).map(
    (kind) => new yaml.Type(`!${name}`, { kind, construct: (d: unknown) => ({ [name]: d }) }),
  ),
);
const schema = yaml.Schema.create(cfnTags);
const doc = yaml.load(fs.readFileSync(path.join(__dirname, '../../serverless.yml'), 'utf8'), { schema }) as any;

describe('serverless.yml', () => {
  const table = doc.resources.Resources.Table;

  it('declares the same table as functions/src/repo/table.ts', () => {
    const p = table.Properties;
    expect(p.AttributeDefinitions).toEqual(TABLE_DEFINITION.AttributeDefinitions);
    expect(p.KeySchema).toEqual(TABLE_DEFINITION.KeySchema);
    expect(p.GlobalSecondaryIndexes).toEqual(TABLE_DEFINITION.GlobalSecondaryIndexes);
    expect(p.BillingMode).toBe(TABLE_DEFINITION.BillingMode);
  });

  it('protects the table: point-in-time recovery, deletion protection, retained on delete', () => {
    expect(table.Properties.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled).toBe(true);
    expect(table.Properties.DeletionProtectionEnabled).toBe(true);
    expect(table.DeletionPolicy).toBe('Retain');
  });

  it('grants item-level DynamoDB actions on this table only', () => {
    const all = doc.provider.iam.role.statements;
    // Besides the table: PutObject on product pictures only (the signer of upload URLs).
    const s3 = all.filter((s: any) => s.Action.some((a: string) => a.startsWith('s3:')));
    expect(s3.flatMap((s: any) => s.Action)).toEqual(['s3:PutObject']);
    expect(JSON.stringify(s3[0].Resource)).toContain('PicturesBucket');
    expect(JSON.stringify(s3[0].Resource)).toContain('/products/*');
    const st = all.filter((s: any) => !s3.includes(s));
    const actions: string[] = st.flatMap((s: any) => s.Action);
    expect(actions.every((a) => a.startsWith('dynamodb:'))).toBe(true);
    expect(actions).not.toContain('dynamodb:*');
    expect(actions).not.toContain('dynamodb:DeleteTable');
    for (const s of st) for (const r of s.Resource) expect(JSON.stringify(r)).toContain('Table');
  });

  it('lets no function update or delete an audit entry (an IAM Deny on the AUDIT partition, every role)', () => {
    const denies = (statements: any[]) =>
      statements.some(
        (st) =>
          st.Effect === 'Deny' &&
          ['dynamodb:UpdateItem', 'dynamodb:DeleteItem'].every((a) => st.Action.includes(a)) &&
          JSON.stringify(st.Condition?.['ForAnyValue:StringEquals']?.['dynamodb:LeadingKeys']) === '["AUDIT"]',
      );
    expect(denies(doc.provider.iam.role.statements)).toBe(true);
    const roles = Object.entries<any>(doc.resources.Resources).filter(([, r]) => r.Type === 'AWS::IAM::Role');
    for (const [name, role] of roles)
      expect([name, denies(role.Properties.Policies.flatMap((p: any) => p.PolicyDocument.Statement))]).toEqual([
        name,
        true,
      ]);
    // Every function runs with the provider's role or one of those.
    for (const [name, f] of Object.entries<any>(doc.functions))
      if (f.role) expect([name, roles.map(([n]) => n)]).toEqual([name, expect.arrayContaining([f.role])]);
  });

  it('routes every shopper endpoint of docs/api.md', () => {
    const routes = new Set<string>();
    for (const f of Object.values<any>(doc.functions)) {
      for (const e of f.events ?? []) if (e.httpApi) routes.add(`${e.httpApi.method} ${e.httpApi.path}`);
    }
    for (const r of [
      'POST /auth/login',
      'GET /products',
      'POST /orders',
      'GET /orders',
      'GET /orders/{id}',
      'POST /orders/{id}/pay',
      'POST /orders/{id}/confirm',
      'POST /orders/{id}/refund',
      'POST /orders/{id}/after-sale',
      'POST /after-sale/{id}/ship-back',
      'GET /after-sale/{id}',
      'GET /wallet',
      'POST /wallet/sell',
      'POST /wallet/convert',
      'POST /wallet/convert-back',
      'POST /withdrawals',
      'GET /ledger',
      'GET /pool',
      'GET /pool/history',
      'GET /events/{id}',
      'POST /pay/wechat/notify',
      'GET /categories',
      'GET /addresses',
      'POST /addresses',
      'PUT /addresses/{id}',
      'DELETE /addresses/{id}',
      'GET /profile',
      'PUT /profile',
    ])
      expect(routes).toContain(r);
  });

  it('runs the pool drainer alone, woken by queue inserts on the stream, with the batch writes it needs', () => {
    const f = doc.functions.poolDrainer;
    expect(f.reservedConcurrency).toBe(1);
    const stream = f.events.find((e: any) => e.stream)?.stream;
    expect(stream.arn).toEqual({ GetAtt: 'Table.StreamArn' });
    expect(stream.filterPatterns).toEqual([
      { eventName: ['INSERT'], dynamodb: { Keys: { PK: { S: [{ prefix: QUEUE_PREFIX }] } } } },
    ]);
    expect(table.Properties.StreamSpecification.StreamViewType).toBe('KEYS_ONLY');
    // The projection batch-writes its records and queue deletes: BatchWriteItem is its own action.
    const allowed = doc.provider.iam.role.statements
      .filter((s: any) => s.Effect === 'Allow')
      .flatMap((s: any) => s.Action);
    expect(allowed).toContain('dynamodb:BatchWriteItem');
    // Its handler waits for nothing but the drain (no HTTP event).
    expect(f.events.some((e: any) => e.httpApi)).toBe(false);
  });

  it('points every handler at an exported function', () => {
    for (const [name, f] of Object.entries<any>(doc.functions)) {
      const [file, fn] = [
        f.handler.slice(0, f.handler.lastIndexOf('.')),
        f.handler.slice(f.handler.lastIndexOf('.') + 1),
      ];
      const src = fs.readFileSync(path.join(__dirname, '../..', `${file}.ts`), 'utf8');
      expect({ name, found: new RegExp(`export (const|async function|function) ${fn}\\b`).test(src) }).toEqual({
        name,
        found: true,
      });
    }
  });
});
