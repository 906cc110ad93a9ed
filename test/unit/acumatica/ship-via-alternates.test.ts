// Review B1: a warehouse that reports the carrier by SCAC and by name (Extensiv routingInfo.scacCode / .carrier)
// matches Ship Via mappings keyed by either, most specific first, before any fallback to the order's own Ship Via.
import { describe, expect, it } from 'vitest';
import { shipViaFor } from '../../../main/core/acumatica/plan.js';
import { acumaticaSettingsSchema } from '../../../main/core/settings/schema.js';
import { sampleOrder } from '../../fixtures/orders.js';

const settings = (map: Record<string, string>, fallback = true) =>
  acumaticaSettingsSchema.parse({ url: 'https://x.example', clientId: '8E0761D9-F4EC-2D4B-A60F-BCE2708C6FDD@Co', username: 'u', shipViaMap: map, shipViaFallbackToOrder: fallback });
const order = sampleOrder('SO', '000001');

describe('shipViaFor with carrier alternates', () => {
  it('tries carrier|service, alternate|service, carrier, alternate, in that order', () => {
    const all = { 'UPSN|Ground': 'A', 'UPS|Ground': 'B', UPSN: 'C', UPS: 'D' };
    expect(shipViaFor(settings(all), order, 'UPSN', 'Ground', ['UPS'])).toBe('A');
    const { 'UPSN|Ground': _a, ...noScacService } = all;
    expect(shipViaFor(settings(noScacService), order, 'UPSN', 'Ground', ['UPS'])).toBe('B');
    expect(shipViaFor(settings({ UPSN: 'C', UPS: 'D' }), order, 'UPSN', 'Ground', ['UPS'])).toBe('C');
    expect(shipViaFor(settings({ ups: 'D' }), order, 'UPSN', 'Ground', ['UPS'])).toBe('D');
  });

  it('without any match and no fallback, the error names every name the carrier was reported by', () => {
    expect(() => shipViaFor(settings({}, false), order, 'UPSN', 'Ground', ['UPS'])).toThrow('No Ship Via mapping for carrier UPSN (also reported as UPS) service Ground');
  });
});
