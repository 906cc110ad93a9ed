// How an Acumatica status label bears on an order the app already knows. Labels are compared case-insensitively
// and "Cancelled" is accepted beside Acumatica's "Canceled".

export type StatusMeaning = 'open' | 'cancelled' | 'on-hold' | 'other';

const HOLD = ['on hold', 'credit hold', 'pending approval', 'rejected', 'awaiting payment', 'pending processing', 'expired'];

export function statusMeaning(status: string, openStatuses: readonly string[]): StatusMeaning {
  const s = status.trim().toLowerCase();
  if (openStatuses.some((o) => o.trim().toLowerCase() === s)) return 'open';
  if (s === 'canceled' || s === 'cancelled') return 'cancelled';
  if (HOLD.includes(s)) return 'on-hold';
  return 'other';
}
