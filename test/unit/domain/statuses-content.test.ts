import { describe, expect, it } from 'vitest';
import { contentHash, withShippedBack } from '../../../main/core/domain/content.js';
import { statusMeaning } from '../../../main/core/domain/statuses.js';
import { sampleOrder } from '../../fixtures/orders.js';

describe('status meaning', () => {
  it('reads Acumatica labels against the configured open statuses', () => {
    expect(statusMeaning('Open', ['Open'])).toBe('open');
    expect(statusMeaning('Back Order', ['Open', 'Back Order'])).toBe('open');
    expect(statusMeaning('Canceled', ['Open'])).toBe('cancelled');
    expect(statusMeaning('Cancelled', ['Open'])).toBe('cancelled');
    expect(statusMeaning('On Hold', ['Open'])).toBe('on-hold');
    expect(statusMeaning('Credit Hold', ['Open'])).toBe('on-hold');
    expect(statusMeaning('Completed', ['Open'])).toBe('other');
  });
});

describe('content hash', () => {
  it('changes with the address or lines, not with what this app already shipped', () => {
    const order = sampleOrder('SO', '1');
    const base = contentHash(order);
    const afterPartial = { ...order, lines: order.lines.map((l) => (l.lineRef === '1' ? { ...l, quantity: 1 } : l)) };
    expect(contentHash(withShippedBack(afterPartial, { '1': 1 }))).toBe(base);
    const moved = { ...order, shipTo: { ...order.shipTo, address: { ...order.shipTo.address, line1: '2 Other St' } } };
    expect(contentHash(moved)).not.toBe(base);
    expect(contentHash({ ...order, lines: order.lines.slice(1) })).not.toBe(base);
  });
});
