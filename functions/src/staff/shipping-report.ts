// Shipping uploads to WeChat (domain/orders/shipping-report.ts): the retry schedule and the staff list.
import { z } from 'zod';
import { listShippingUploads as list, retryShippingUploads as retry } from '../domain/orders/shipping-report';
import { shippingReportDeps } from '../wiring/shipping-report';
import { staff } from './wrapper';
import { standIn } from './stand-in';

/** Schedule (every 5 minutes): pending uploads whose time has come; `orderIds`: those now (staff). */
export const retryShippingUploads = staff(
  'retry-shipping-uploads',
  z
    .object({
      now: standIn,
      max: z.number().int().min(1).max(500).default(100),
      orderIds: z.array(z.string().min(1).max(64)).min(1).max(200).optional(),
    })
    .passthrough(),
  async ({ now, max, orderIds }) =>
    retry(shippingReportDeps(), { now: now ?? new Date().toISOString(), max, ...(orderIds ? { orderIds } : {}) }),
  { scheduled: true },
);

/** Staff: uploads still pending (retried by the schedule) or failed (staff must act). */
export const listShippingUploads = staff(
  'list-shipping-uploads',
  z
    .object({
      status: z.enum(['pending', 'failed']).default('pending'),
      max: z.number().int().min(1).max(500).default(100),
    })
    .strict(),
  async ({ status, max }) => list(shippingReportDeps(), status, max),
);
