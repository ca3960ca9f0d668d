// One line of cycles.jsonl: how one NPCS clearing cycle ended (status, obligations netted, gross
// against net, liquidity saved, central-bank credit drawn), amounts as "123.45 RUB".

import { z } from 'zod';
import { amountText } from './text.js';

export const cycleRecordSchema = z.object({
  id: z.string(),
  status: z.string(),
  obligations: z.number().int(),
  gross: amountText,
  netDebits: amountText,
  saved: amountText,
  creditDrawn: amountText,
});

export type CycleRecord = z.infer<typeof cycleRecordSchema>;
