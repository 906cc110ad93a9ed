// The session's own handling when it runs requests in parallel (`api:concurrent_access`, #14 item 13): while an
// action (POST + its status polls) runs, Acumatica refuses other requests of the same session (FACTS.md §2 [V]), so
// an action takes the session for itself and ordinary calls share it. With one request at a time (the default)
// this never waits. A waiting call gives up when the cycle's time is up.
import { cycleTimeUp } from './cycle-time.js';

export interface SessionLock {
  shared<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  exclusive<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}

export function createSessionLock(): SessionLock {
  let readers = 0;
  let writer = false;
  const queue: { exclusive: boolean; go: () => void }[] = [];

  function pump(): void {
    while (queue.length > 0) {
      const next = queue[0]!;
      if (next.exclusive) {
        if (writer || readers > 0) return;
        writer = true;
      } else {
        // Waiting actions go first (queue order), so a stream of reads never starves them.
        if (writer) return;
        readers++;
      }
      queue.shift();
      next.go();
    }
  }

  async function acquire(exclusive: boolean, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw cycleTimeUp('while a request waited for an action on its session to finish');
    await new Promise<void>((resolve, reject) => {
      const entry = {
        exclusive,
        go: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      function onAbort(): void {
        const i = queue.indexOf(entry);
        if (i >= 0) queue.splice(i, 1);
        pump();
        reject(cycleTimeUp('while a request waited for an action on its session to finish'));
      }
      queue.push(entry);
      signal?.addEventListener('abort', onAbort, { once: true });
      pump();
    });
  }

  async function run<T>(exclusive: boolean, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await acquire(exclusive, signal);
    try {
      return await task();
    } finally {
      if (exclusive) writer = false;
      else readers--;
      pump();
    }
  }

  return {
    shared: (task, signal) => run(false, task, signal),
    exclusive: (task, signal) => run(true, task, signal),
  };
}
