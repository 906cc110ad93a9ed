// A value that follows another after a pause, so a search runs once the operator stops typing.
import { useEffect, useState } from 'react';

/** Pause after the last keystroke before a search is sent: short, so answers feel immediate (budget 200 ms). */
export const SEARCH_DEBOUNCE_MS = 40;

export function useDebounced<T>(value: T, ms: number): T {
  const [current, setCurrent] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setCurrent(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return current;
}
