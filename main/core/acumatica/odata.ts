// Building OData v3 query strings the way Acumatica's contract-based API reads them.

/** A quoted OData string literal ('' escapes a quote). */
export function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** `datetimeoffset'…'` with an explicit +00:00 offset: the server's reading of a date without one is unclear. */
export function dateTimeOffset(ms: number): string {
  return `datetimeoffset'${new Date(ms).toISOString().replace('Z', '+00:00')}'`;
}

/** `(F eq 'a' or F eq 'b')`, or '' for an empty list. */
export function anyOf(field: string, values: readonly string[]): string {
  if (values.length === 0) return '';
  const parts = values.map((v) => `${field} eq ${literal(v)}`);
  return parts.length === 1 ? (parts[0] ?? '') : `(${parts.join(' or ')})`;
}

export function allOf(...parts: string[]): string {
  return parts.filter((p) => p !== '').join(' and ');
}

/**
 * Encodes query parameters with %20 for spaces and %2B for '+', keeping `$` readable. Axios' own serializer writes
 * spaces as '+', which is ambiguous next to the '+' of a time-zone offset.
 */
export function queryString(params: Record<string, string | number | undefined>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === '') continue;
    parts.push(`${k}=${encodeURIComponent(String(v))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

/** One path segment of a key (`SO`, `000123`), encoded. */
export function keySegment(value: string): string {
  return encodeURIComponent(value.trim());
}
