// The stand-in clock of the schedules (`{"now": "…"}`): accepted on the local stage only (tests, demos).
import { z } from 'zod';
import { isLocalStage } from '../stage';

export const standIn = z
  .string()
  .datetime()
  .optional()
  .refine((v) => v === undefined || isLocalStage(), 'now is accepted in the local stage only');
