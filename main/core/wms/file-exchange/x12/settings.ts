// The X12 partner profile (issue 9). Kept in its own schema so the X12 format owns it.
import { z } from 'zod';

const isaParty = z
  .string()
  .regex(/^[0-9A-Z]{2}:.{1,15}$/, 'Use QUALIFIER:ID, e.g. ZZ:ACMEERP (qualifier 2 characters, ID at most 15)');

/** A separator must be one printable, non-alphanumeric character (or a line break for the segment terminator). */
const separator = z
  .string()
  .length(1)
  .regex(/^[^0-9A-Za-z ]$/, 'A separator must be one character that is not a letter, digit or space');

const shipViaRoute = z.object({
  /** W66-10: the carrier's SCAC (2-4 letters). */
  scac: z.string().regex(/^[0-9A-Z]{2,4}$/, 'A SCAC is 2 to 4 capital letters or digits').optional(),
  /** W66-02 transportation method: U private parcel, M motor, LT less than truckload, A air, H customer pickup … */
  method: z.string().regex(/^[0-9A-Z]{1,2}$/, 'A transportation method code is 1 or 2 characters').optional(),
  /** W66-05 routing text; defaults to the ShipVia itself. */
  routing: z.string().max(35).optional(),
});

export const x12ProfileSchema = z
  .object({
    version: z.string().regex(/^00[0-9]{4}[0-9A-Z]{0,6}$/, 'Use an X12 version like 004010 or 004010VICS').default('004010'),
    sender: isaParty.default('ZZ:DROPSTREAM'),
    receiver: isaParty.default('ZZ:WAREHOUSE'),
    /** GS02 / GS03 application codes; default to the ISA ids. */
    gsSender: z.string().min(2).max(15).optional(),
    gsReceiver: z.string().min(2).max(15).optional(),
    usage: z.enum(['T', 'P']).default('P'),
    elementSeparator: separator.default('*'),
    segmentTerminator: z.string().length(1).regex(/^[^0-9A-Za-z ]$/, 'A separator must be one character that is not a letter, digit or space').default('~'),
    componentSeparator: separator.default('>'),
    /** Write a line break after every segment terminator (readable files; most partners accept it). */
    newlineAfterSegment: z.boolean().default(false),
    /** Where the partner's 945 carries the tracking number: MAN:CP, MAN:ZZ, MAN:CN, N9:2I … */
    tracking: z.string().regex(/^(MAN|N9):[0-9A-Z]{1,3}$/, 'Use MAN:CP, MAN:ZZ, N9:2I …').default('MAN:CP'),
    /** W01-04 / W12-07 qualifier of the item id (the SKU): VN vendor item, SK SKU, BP buyer part. */
    itemQualifier: z.enum(['VN', 'SK', 'BP']).default('VN'),
    /** Acumatica UOM -> X12 unit code (2 characters). UOMs that already are 2 characters go as they are. */
    units: z.record(z.string(), z.string().regex(/^[0-9A-Z]{2}$/, 'An X12 unit code is 2 characters, e.g. EA')).default({}),
    /** ShipVia -> W66 carrier details. ShipVias not listed go as routing text with method `defaultMethod`. */
    shipVia: z.record(z.string(), shipViaRoute).default({}),
    /** W66-01 shipment payment method: PP prepaid, CC collect, TP third party. */
    paymentMethod: z.string().regex(/^[A-Z]{2}$/).default('PP'),
    defaultMethod: z.string().regex(/^[0-9A-Z]{1,2}$/).default('U'),
    /** Optional N1*DE depositor loop (your company as the warehouse knows it). */
    depositor: z.object({ name: z.string().min(1).max(60), id: z.string().max(80).optional() }).optional(),
    /** A 940 with no 997 after this many hours shows its order as needing attention; 0 turns the check off. */
    ackOverdueHours: z.number().min(0).max(24 * 30).default(24),
    /** Optional N1*SF ship-from loop (the warehouse as it should appear on labels). */
    shipFrom: z.object({ name: z.string().min(1).max(60), id: z.string().max(80).optional() }).optional(),
  })
  .superRefine((p, ctx) => {
    const seps = [p.elementSeparator, p.segmentTerminator, p.componentSeparator];
    if (new Set(seps).size !== 3) {
      ctx.addIssue({ code: 'custom', path: ['componentSeparator'], message: 'Element separator, segment terminator and component separator must be three different characters' });
    }
    const ids = { sender: p.sender.slice(3), receiver: p.receiver.slice(3), gsSender: p.gsSender, gsReceiver: p.gsReceiver };
    for (const [field, value] of Object.entries(ids)) {
      if (value !== undefined && seps.some((s) => value.includes(s))) {
        ctx.addIssue({ code: 'custom', path: [field], message: `${field} must not contain a separator character (${seps.join(' ')})` });
      }
    }
  });

export type X12Profile = z.infer<typeof x12ProfileSchema>;
