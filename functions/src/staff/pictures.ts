// Staff `upload-url`: a presigned PUT for one product picture. Upload the file to `uploadUrl` with
// the same Content-Type, then list its `key` in upsert-product's `pictures`.
import { randomBytes } from 'crypto';
import { z } from 'zod';
import { PICTURE_TYPES, pictureUrl, presignUpload, UPLOAD_TTL_S, type PictureType } from '../adapters/pictures';
import { staff } from './wrapper';

const types = Object.keys(PICTURE_TYPES) as [PictureType, ...PictureType[]];

export const uploadUrl = staff(
  'upload-url',
  z
    .object({
      productId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
      contentType: z.enum(types),
    })
    .strict(),
  async ({ productId, contentType }) => {
    const key = `products/${productId}/${randomBytes(6).toString('hex')}.${PICTURE_TYPES[contentType]}`;
    return {
      key,
      uploadUrl: await presignUpload(key, contentType),
      method: 'PUT',
      headers: { 'Content-Type': contentType },
      expiresIn: UPLOAD_TTL_S,
      url: pictureUrl(key),
    };
  },
);
