// Turning ERP values into safe X12 element values. Two rules, documented in docs/x12.md:
//  - free text (names, addresses, notes, descriptions) is cleaned: accents dropped, other non-ASCII -> '?',
//    typographic quotes/dashes -> ASCII, separators and control characters -> space, then cut to the element's width (long notes/descriptions are split
//    over several segments by the caller);
//  - identifiers (order ref, SKU, line ref, unit) are never altered: one that does not fit is rejected.
import { AppError } from '../../../errors.js';
import type { Separators } from './writer.js';

function separatorsOf(seps: Separators): string[] {
  return [seps.element, seps.segment, seps.component];
}

/** Free text as X12 data: never contains a separator, a control character or non-ASCII. */
export function cleanText(value: string, seps: Separators): string {
  const ascii = value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u201a\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u2033]/g, '"')
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/[^\x20-\x7e]/g, (ch) => (/\s/.test(ch) ? ' ' : '?'));
  let out = ascii;
  for (const s of separatorsOf(seps)) out = out.split(s).join(' ');
  return out.replace(/ {2,}/g, ' ').trim();
}

/** Cleaned free text cut to `max` characters. */
export function textField(value: string, seps: Separators, max: number): string {
  return cleanText(value, seps).slice(0, max).trim();
}

/** Cleaned free text split into chunks of at most `max` characters (at spaces where possible), at most `count`. */
export function textChunks(value: string, seps: Separators, max: number, count: number): string[] {
  const words = cleanText(value, seps).split(' ').filter((w) => w !== '');
  const chunks: string[] = [];
  let current = '';
  for (const word of words) {
    for (let w = word; w !== ''; ) {
      const room = current === '' ? max : max - current.length - 1;
      if (w.length <= room) {
        current = current === '' ? w : `${current} ${w}`;
        w = '';
      } else if (current !== '') {
        chunks.push(current);
        current = '';
      } else {
        chunks.push(w.slice(0, max));
        w = w.slice(max);
      }
    }
  }
  if (current !== '') chunks.push(current);
  return chunks.slice(0, count);
}

/**
 * An identifier that must reach the partner unchanged: rejected (AppError 'business') when it is empty, longer than
 * the element allows, or holds a separator or a character X12 cannot carry.
 */
export function checkId(value: string, what: string, max: number, seps: Separators): string {
  if (value === '') throw new AppError('business', `${what} is empty; X12 needs a value here.`);
  if (value.length > max) {
    throw new AppError('business', `${what} "${value}" is ${value.length} characters; X12 allows at most ${max}. Shorten it in Acumatica (or map it) and retry.`);
  }
  const bad = separatorsOf(seps).find((s) => value.includes(s));
  if (bad !== undefined) {
    throw new AppError('business', `${what} "${value}" contains "${bad}", which this partner uses as an X12 separator. Change the value or the partner's separators and retry.`);
  }
  if (/[^\x20-\x7e]/.test(value)) {
    throw new AppError('business', `${what} "${value}" contains characters X12 cannot carry (only printable ASCII). Change it and retry.`);
  }
  return value;
}

/** An X12 R (decimal) value: no exponent, no trailing zeros, at most 15 characters. */
export function decimal(n: number, what: string): string {
  if (!Number.isFinite(n) || n < 0) throw new AppError('business', `${what} ${n} is not a quantity X12 can carry (must be 0 or more).`);
  const s = Number.isInteger(n) ? String(n) : n.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
  if (s.replace('.', '').length > 15) throw new AppError('business', `${what} ${n} has more than 15 digits.`);
  return s;
}

/** A file-name-safe form of an outside value: letters, digits, dot, dash and underscore only. */
export function safeFilePart(value: string): string {
  const s = value.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_').slice(0, 60);
  return s === '' ? '_' : s;
}
