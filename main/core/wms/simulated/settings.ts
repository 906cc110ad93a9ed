// Settings of the demo's simulated warehouse.
import { z } from 'zod';

export const simulatedSettingsSchema = z.object({
  adapter: z.literal('simulated'),
  /** Seconds from receiving an order to shipping it. */
  shipAfterSeconds: z.number().min(0).default(8),
});

export type SimulatedSettings = z.infer<typeof simulatedSettingsSchema>;
