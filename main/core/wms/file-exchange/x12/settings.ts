// The X12 partner profile (issue 9). Kept in its own schema so the X12 format owns it.
import { z } from 'zod';

const isaParty = z
  .string()
  .regex(/^[0-9A-Z]{2}:.{1,15}$/, 'Use QUALIFIER:ID, e.g. ZZ:ACMEERP (qualifier 2 characters, ID at most 15)');

export const x12ProfileSchema = z.object({
  version: z.string().default('004010'),
  sender: isaParty.default('ZZ:DROPSTREAM'),
  receiver: isaParty.default('ZZ:WAREHOUSE'),
  /** GS02 / GS03 application codes; default to the ISA ids. */
  gsSender: z.string().optional(),
  gsReceiver: z.string().optional(),
  usage: z.enum(['T', 'P']).default('P'),
  elementSeparator: z.string().length(1).default('*'),
  segmentTerminator: z.string().length(1).default('~'),
  componentSeparator: z.string().length(1).default('>'),
  /** Where the partner's 945 carries the tracking number: MAN:CP, MAN:ZZ, MAN:CN, N9:2I … */
  tracking: z.string().regex(/^(MAN|N9):[0-9A-Z]{1,3}$/, 'Use MAN:CP, MAN:ZZ, N9:2I …').default('MAN:CP'),
});

export type X12Profile = z.infer<typeof x12ProfileSchema>;
