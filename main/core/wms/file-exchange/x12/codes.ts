// Words for the 997 codes an operator sees when a 940 is rejected (X12 elements 718, 720, 723, 716).
import type { Edi997, Edi997Set } from './parse.js';

const AK5_CODES: Record<string, string> = {
  '1': 'transaction set not supported',
  '2': 'transaction set trailer missing',
  '3': 'control number in header and trailer do not match',
  '4': 'number of included segments does not match actual count',
  '5': 'one or more segments in error',
  '6': 'missing or invalid transaction set identifier',
  '7': 'missing or invalid transaction set control number',
  '23': 'transaction set control number not unique within the functional group',
};

const AK3_CODES: Record<string, string> = {
  '1': 'unrecognized segment',
  '2': 'unexpected segment',
  '3': 'mandatory segment missing',
  '4': 'loop occurs over maximum times',
  '5': 'segment exceeds maximum use',
  '6': 'segment not in defined transaction set',
  '7': 'segment not in proper sequence',
  '8': 'segment has data element errors',
};

const AK4_CODES: Record<string, string> = {
  '1': 'mandatory data element missing',
  '2': 'conditional required data element missing',
  '3': 'too many data elements',
  '4': 'data element too short',
  '5': 'data element too long',
  '6': 'invalid character in data element',
  '7': 'invalid code value',
  '8': 'invalid date',
  '9': 'invalid time',
  '10': 'exclusion condition violated',
};

const AK9_CODES: Record<string, string> = {
  '1': 'functional group not supported',
  '2': 'functional group version not supported',
  '3': 'functional group trailer missing',
  '4': 'group control number in the header and trailer do not agree',
  '5': 'number of included transaction sets does not match actual count',
  '6': 'group control number violates syntax',
};

function word(table: Record<string, string>, code: string): string {
  const w = table[code];
  return w ? `${code} ${w}` : code;
}

/** "segment W01 #13: segment has data element errors; element 2 (355): invalid code value "XX"" … */
export function describeSetRejection(set: Edi997Set): string {
  const parts: string[] = [];
  if (set.codes.length > 0) parts.push(set.codes.map((c) => word(AK5_CODES, c)).join(', '));
  for (const s of set.segmentErrors) {
    const elems = s.elements.map((x) => `element ${x.position}${x.reference ? ` (${x.reference})` : ''}: ${word(AK4_CODES, x.code)}${x.data ? ` "${x.data}"` : ''}`);
    parts.push([`segment ${s.segment}${s.position ? ` #${s.position}` : ''}: ${word(AK3_CODES, s.code)}`, ...elems].join('; '));
  }
  return parts.join(' | ');
}

export function describeGroupRejection(doc: Edi997): string {
  return doc.groupCodes.map((c) => word(AK9_CODES, c)).join(', ');
}
