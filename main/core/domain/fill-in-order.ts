// Hands an amount out over buckets in order, each taking up to the room it has left: shipped quantities over the
// lines carrying a SKU (Extensiv), a package's quantity over the lots not yet packed and over a line's allocations
// (Acumatica package contents). Pure and shared by both sides, so it lives in domain/.

export interface Take<T> {
  bucket: T;
  take: number;
}

export interface FillOptions {
  /** Amounts at or below this count as nothing (decimal quantities: 1e-9), default 0. */
  epsilon?: number;
  /** Applied to what is left after each take (e.g. rounding to 4 decimals, as Acumatica keeps quantities). */
  round?: (n: number) => number;
}

/** What each bucket takes (buckets with no room take nothing), and what is left when all are full. */
export function fillInOrder<T>(amount: number, buckets: readonly T[], roomOf: (bucket: T) => number, options: FillOptions = {}): { takes: Take<T>[]; left: number } {
  const epsilon = options.epsilon ?? 0;
  const round = options.round ?? ((n: number) => n);
  const takes: Take<T>[] = [];
  let left = amount;
  for (const bucket of buckets) {
    if (left <= epsilon) break;
    const take = Math.min(Math.max(0, roomOf(bucket)), left);
    if (take > epsilon) {
      takes.push({ bucket, take });
      left = round(left - take);
    }
  }
  return { takes, left };
}
