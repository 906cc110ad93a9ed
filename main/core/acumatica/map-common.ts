// Pieces shared by the SalesOrder and Shipment mappings: ship-to, readable parse errors, key reading of bad records.
import type { z } from 'zod';
import type { Address, Contact } from '../domain/index.js';
import type { addressRecord, contactRecord } from './records.js';

type AddressIn = z.infer<typeof addressRecord> | null | undefined;
type ContactIn = z.infer<typeof contactRecord> | null | undefined;

export function toAddress(a: AddressIn): Address {
  return {
    line1: a?.AddressLine1.trim() ?? '',
    line2: a?.AddressLine2.trim() ?? '',
    city: a?.City.trim() ?? '',
    state: a?.State.trim() ?? '',
    postalCode: a?.PostalCode.trim() ?? '',
    country: a?.Country.trim().toUpperCase() ?? '',
  };
}

export function toContact(c: ContactIn): Contact {
  return {
    name: c?.Attention.trim() ?? '',
    company: c?.BusinessName.trim() ?? '',
    phone: c?.Phone1.trim() ?? '',
    email: c?.Email.trim() ?? '',
  };
}

/** "Details[2].OrderQty" from a zod issue path (the trailing "value" dropped). */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (p === 'value') continue;
    out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  }
  return out || 'record';
}

export function shapeReason(error: z.ZodError): string {
  const issues = error.issues.slice(0, 3).map((i) => `${fieldPath(i.path)} (${i.message})`);
  return `Acumatica sent fields in an unexpected shape: ${issues.join('; ')}. Check the record in Acumatica; if it looks right, report this to support.`;
}

/** Reads a wrapped text field of a record that failed to parse, for the held entry's key. */
export function looseText(raw: unknown, field: string): string {
  if (raw === null || typeof raw !== 'object') return '';
  const f = (raw as Record<string, unknown>)[field];
  if (f === null || typeof f !== 'object') return '';
  const v = (f as Record<string, unknown>).value;
  return typeof v === 'string' ? v.trim() : '';
}

/** Quantities arrive as doubles: keep 4 decimals, no binary noise. */
export function qty(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
