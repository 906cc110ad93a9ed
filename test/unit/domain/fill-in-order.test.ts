// fillInOrder hands an amount over buckets in order, never past a bucket's room, and reports what is left.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fillInOrder } from '../../../main/core/domain/fill-in-order.js';

describe('fillInOrder', () => {
  it('fills the first buckets first, up to their room; the rest is left', () => {
    expect(fillInOrder(5, [2, 0, 4, 9], (b) => b)).toEqual({ takes: [{ bucket: 2, take: 2 }, { bucket: 4, take: 3 }], left: 0 });
    expect(fillInOrder(7, [2, -1, 3], (b) => b)).toEqual({ takes: [{ bucket: 2, take: 2 }, { bucket: 3, take: 3 }], left: 2 });
  });

  it('takes + left == amount, and no bucket takes more than its room', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.array(fc.integer({ min: -5, max: 100 })), (amount, rooms) => {
        const { takes, left } = fillInOrder(amount, rooms, (r) => r);
        expect(takes.reduce((n, t) => n + t.take, 0) + left).toBe(amount);
        for (const t of takes) expect(t.take).toBeLessThanOrEqual(t.bucket);
        expect(left === 0 || rooms.every((r) => r <= 0 || takes.some((t) => t.bucket === r))).toBe(true);
      }),
    );
  });

  it('with decimals: a remainder within epsilon is nothing, and what is left is rounded after each take', () => {
    const qty = (n: number): number => Math.round(n * 10_000) / 10_000;
    // 0.3 over 0.1 + 0.2 leaves 5.5e-17 in floating point: rounded away, and no third bucket is touched.
    expect(fillInOrder(0.3, [0.1, 0.2, 5], (b) => b, { epsilon: 1e-9, round: qty })).toEqual({
      takes: [{ bucket: 0.1, take: 0.1 }, { bucket: 0.2, take: 0.2 }],
      left: 0,
    });
    // A bucket with only a crumb of room (below epsilon) takes nothing.
    expect(fillInOrder(1, [1e-12, 2], (b) => b, { epsilon: 1e-9, round: qty }).takes).toEqual([{ bucket: 2, take: 1 }]);
  });
});
