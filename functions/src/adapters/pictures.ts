// Product pictures in S3 (the PicturesBucket of serverless.yml): staff upload with a presigned PUT,
// shoppers read them at PICTURES_BASE_URL/<key>. Locally there is no S3: the pictures route of
// the local stage serves functions/src/local/pictures (the generated seed pictures) and
// .data/pictures (files staff copy there), at /pictures/<key>.
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

export const PICTURE_TYPES = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/svg+xml': 'svg',
} as const;
export type PictureType = keyof typeof PICTURE_TYPES;

/** A stored picture's key: products/<productId>/<name>.<ext>. */
export const PICTURE_KEY_RE = /^products\/[A-Za-z0-9_-]{1,64}\/[A-Za-z0-9_-]{1,64}\.(png|jpg|webp|svg)$/;
export const UPLOAD_TTL_S = 15 * 60;

let client: S3Client | undefined;
function s3(): S3Client {
  // Locally a presigned URL is only computed (no call is made), so stand-in credentials do.
  const local = process.env.STAGE === 'local' && !process.env.AWS_ACCESS_KEY_ID;
  client ??= new S3Client({
    region: process.env.AWS_REGION || 'ap-east-1',
    ...(process.env.PICTURES_S3_ENDPOINT ? { endpoint: process.env.PICTURES_S3_ENDPOINT, forcePathStyle: true } : {}),
    ...(local ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  return client;
}

export function picturesBucket(): string {
  return process.env.PICTURES_BUCKET || 'greenpoints-pictures-local';
}

/** A PUT URL for one key, valid UPLOAD_TTL_S, bound to its content type. */
export async function presignUpload(key: string, contentType: PictureType): Promise<string> {
  const cmd = new PutObjectCommand({ Bucket: picturesBucket(), Key: key, ContentType: contentType });
  return getSignedUrl(s3(), cmd, { expiresIn: UPLOAD_TTL_S });
}

/** The address a shopper's app reads a picture at; relative (/pictures/…) on the local stage. */
export function pictureUrl(key: string): string {
  return `${picturesBase()}/${key}`;
}

function picturesBase(): string {
  const set = (process.env.PICTURES_BASE_URL ?? '').replace(/\/+$/, '');
  if (set) return set; // a CDN in front of the bucket
  if (process.env.STAGE === 'local') return '/pictures';
  return `https://${picturesBucket()}.s3.${process.env.AWS_REGION || 'ap-east-1'}.amazonaws.com`;
}
