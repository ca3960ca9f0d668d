// One line of cycles.jsonl: how one NPCS clearing cycle ended (when, status, obligations netted,
// gross against net, liquidity saved, central-bank credit drawn in all and per member), amounts as
// "123.45 RUB".

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
  /** When the cycle ended, ms since the epoch: the report draws credit over time from it. */
  at: z.number().int(),
  /** Central-bank credit each member drew to cover its net debit in this cycle; members that drew none are left out. */
  creditByMember: z.record(z.string(), amountText),
});

export type CycleRecord = z.infer<typeof cycleRecordSchema>;
