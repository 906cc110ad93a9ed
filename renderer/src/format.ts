// Date and number formatting used across screens, in the operator's locale.
import { format, formatDistanceToNowStrict, isValid, parseISO } from 'date-fns';

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = parseISO(iso);
  return isValid(d) ? d : null;
}

/** "14:05" */
export function formatTime(iso: string | null | undefined): string {
  const d = parse(iso);
  return d ? format(d, 'HH:mm') : '—';
}

/** "2026-03-04 14:05" */
export function formatDateTime(iso: string | null | undefined): string {
  const d = parse(iso);
  return d ? format(d, 'yyyy-MM-dd HH:mm') : '—';
}

/** "in 3 minutes" / "5 minutes ago" */
export function formatRelative(iso: string | null | undefined): string {
  const d = parse(iso);
  if (!d) return '—';
  const words = formatDistanceToNowStrict(d);
  return d.getTime() >= Date.now() ? `in ${words}` : `${words} ago`;
}

const numberFormat = new Intl.NumberFormat();
export function formatCount(n: number): string {
  return numberFormat.format(n);
}
