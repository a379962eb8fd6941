// The local stage's picture server (production reads pictures from the S3 bucket's URL):
// GET /pictures/<key> from the generated seed pictures or .data/pictures.
import fs from 'fs';
import path from 'path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { PICTURE_KEY_RE } from '../adapters/pictures';
import { json, errorBody } from '../http/wrapper';

const TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', webp: 'image/webp', svg: 'image/svg+xml' };

function folders(): string[] {
  const root = process.cwd();
  return [
    path.join(root, 'functions/src/local/pictures'),
    path.join(root, process.env.PICTURES_DIR || '.data/pictures'),
  ];
}

export async function get(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const key = decodeURIComponent(event.pathParameters?.key ?? '');
  if (process.env.STAGE !== 'local' || !PICTURE_KEY_RE.test(key))
    return json(404, errorBody('not_found', 'no such picture'));
  for (const dir of folders()) {
    const file = path.join(dir, key);
    if (!file.startsWith(dir + path.sep) || !fs.existsSync(file)) continue;
    const ext = key.slice(key.lastIndexOf('.') + 1);
    return {
      statusCode: 200,
      headers: { 'Content-Type': TYPES[ext] ?? 'application/octet-stream', 'Cache-Control': 'public, max-age=3600' },
      body: fs.readFileSync(file).toString('base64'),
      isBase64Encoded: true,
    };
  }
  return json(404, errorBody('not_found', 'no such picture'));
}
