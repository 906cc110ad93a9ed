// Marks the page ready for browser tests once the first screen shows its data (data-app-state="ready").
import { useEffect } from 'react';

export function useMarkReady(ready: boolean): void {
  useEffect(() => {
    if (ready) document.documentElement.dataset.appState = 'ready';
  }, [ready]);
}
