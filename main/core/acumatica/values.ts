// Acumatica wraps every field as {"value": …} and may send an empty field as {}. These helpers read and write that
// shape at the edge, so the rest of the folder works with plain values.
import { z } from 'zod';

/** A wrapped text field: `{value:"x"}`, `{}` or `{value:null}` all read as text ('' when empty). */
export const wrappedString = z
  .object({ value: z.string().nullish() })
  .loose()
  .nullish()
  .transform((v) => v?.value ?? '');

/** A wrapped number: `{value: 3}`; empty reads as null. A string or other shape is an error. */
export const wrappedNumber = z
  .object({ value: z.number().nullish() })
  .loose()
  .nullish()
  .transform((v) => v?.value ?? null);

export const wrappedBoolean = z
  .object({ value: z.boolean().nullish() })
  .loose()
  .nullish()
  .transform((v) => v?.value ?? null);

/** Wraps a value for a request body; undefined stays out of the body. */
export function wrap<T extends string | number | boolean>(value: T): { value: T } {
  return { value };
}

/**
 * Builds a value-wrapped record from plain fields, leaving out undefined, null and empty text, except the fields
 * named in `keepEmpty`, which are sent as `{"value": ""}` (Acumatica's own Shipment sample sends
 * `"LotSerialNbr": {"value": ""}` for untracked package contents, and the server compares it exactly).
 */
export function wrapFields(
  fields: Record<string, string | number | boolean | null | undefined>,
  keepEmpty: readonly string[] = [],
): Record<string, { value: string | number | boolean }> {
  const out: Record<string, { value: string | number | boolean }> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (v === '' && keepEmpty.includes(k)) {
      out[k] = { value: '' };
      continue;
    }
    if (v === undefined || v === null || v === '') continue;
    out[k] = { value: v };
  }
  return out;
}

/** The YYYY-MM-DD part of an Acumatica date-time as the server wrote it (no time-zone shift). */
export function datePart(value: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(value);
  return m?.[1] ?? '';
}
