// The stand-in clock some staff functions take (`now`): tests and demos on the local stage
// only; elsewhere the real clock decides. The one schema, so every function checks it the same way.
import { z } from 'zod';
import { isLocalStage } from '../stage';

export const standInNow = z
  .string()
  .datetime()
  .optional()
  .refine((v) => v === undefined || isLocalStage(), 'now is accepted in the local stage only');

/** The instant a call runs at: the stand-in when given (local stage), else the real clock. */
export const nowOf = (now: string | undefined): number => (now === undefined ? Date.now() : Date.parse(now));
