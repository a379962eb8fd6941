// The request bodies of the shopper API (docs/api.md) as zod schemas: the server parses with
// them at the edge (functions/src/http), the client types what it sends by them (z.input).
// Amounts stay strings: the engine's parsers check their form.
import { z } from 'zod';

const amountString = z.string().max(40);

export const loginBody = z
  .object({
    code: z.string().min(1).max(200).optional(),
    devOpenId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, '1–64 of [A-Za-z0-9_-]')
      .optional(),
    referrer: z.string().min(1).max(64).optional(),
    scene: z.string().min(1).max(128).optional(),
  })
  .strict();

export const newOrderBody = z
  .object({
    items: z
      .array(
        z
          .object({
            productId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a product id'),
            qty: z.number().int().min(1).max(99),
          })
          .strict(),
      )
      .min(1)
      .max(20),
    payWith: z.enum(['wechat', 'constant', 'storeCredit', 'equity']),
    /** An entry of the caller's address book; or `address` in full. */
    addressId: z
      .string()
      .regex(/^a[0-9a-f]{12}$/, 'an address id')
      .optional(),
    address: z
      .union([
        z
          .object({
            name: z.string().trim().min(1).max(20),
            phone: z.string().max(20),
            regionCode: z.string().max(12),
            detail: z.string().trim().min(1).max(120),
          })
          .strict(),
        // The older free-text form (no agent match unless it names an assigned region).
        z.object({ region: z.string().min(1).max(100), detail: z.string().min(1).max(200) }).strict(),
      ])
      .optional(),
  })
  .strict()
  .refine((o) => !!o.addressId !== !!o.address, { message: 'give addressId or address, not both', path: ['address'] });

export const pointsBody = z.object({ points: amountString }).strict();
export const amountBody = z.object({ amount: amountString }).strict();
export const emptyBody = z.object({}).strict();

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(2000).optional(),
});

export const afterSaleBody = z
  .object({
    kind: z.enum(['return', 'refund_only']),
    items: z
      .array(
        z
          .object({
            productId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a product id'),
            qty: z.number().int().min(1).max(999),
          })
          .strict(),
      )
      .min(1)
      .max(20),
    reason: z.string().trim().min(1).max(200),
  })
  .strict();

export const shipBackBody = z
  .object({
    carrier: z.string().trim().min(1).max(40),
    trackingNo: z.string().regex(/^[A-Za-z0-9-]{4,40}$/, '4–40 of [A-Za-z0-9-]'),
  })
  .strict();

// The address form; the phone format and the region code are checked in the domain (named errors).
export const addressBody = z
  .object({
    name: z.string().trim().min(1).max(20),
    phone: z.string().max(20),
    regionCode: z.string().max(12),
    detail: z.string().trim().min(1).max(120),
    isDefault: z.boolean().optional(),
  })
  .strict();

export const profileBody = z
  .object({ nickname: z.string().max(40).optional(), avatar: z.string().max(60_000).optional() })
  .strict();

/** What the client sends (before the server's defaults and trims). */
export type LoginBody = z.input<typeof loginBody>;
export type NewOrderBody = z.input<typeof newOrderBody>;
export type AfterSaleBody = z.input<typeof afterSaleBody>;
export type ShipBackBody = z.input<typeof shipBackBody>;
export type AddressBody = z.input<typeof addressBody>;
export type ProfileBody = z.input<typeof profileBody>;
export type PointsBody = z.input<typeof pointsBody>;
export type AmountBody = z.input<typeof amountBody>;
export type PageQuery = z.input<typeof pageQuery>;
