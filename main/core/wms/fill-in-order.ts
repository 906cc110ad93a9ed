// Hands an amount out over buckets in order, each taking up to the room it has left: shipped quantities over the
// lines carrying a SKU, a line's quantity over the lots allocated to it.

export interface Take<T> {
  bucket: T;
  take: number;
}

/** What each bucket takes (buckets with no room take nothing), and what is left when all are full. */
export function fillInOrder<T>(amount: number, buckets: readonly T[], roomOf: (bucket: T) => number): { takes: Take<T>[]; left: number } {
  const takes: Take<T>[] = [];
  let left = amount;
  for (const bucket of buckets) {
    if (left <= 0) break;
    const take = Math.min(Math.max(0, roomOf(bucket)), left);
    if (take > 0) {
      takes.push({ bucket, take });
      left -= take;
    }
  }
  return { takes, left };
}
