// What a shell (the Electron app or the headless command) gets from the core: the API handlers, the event stream,
// and the lifecycle. Shells only call these; everything else stays inside the core.
import type { EventName, Events, Handlers } from '../ipc/contract.js';

export type EventListener = <E extends EventName>(event: E, payload: Events[E]) => void;

export interface Core {
  /** One handler per channel of the contract; each validates its own input. */
  handlers: Handlers;
  /** Every pushed event; returns the unsubscribe. */
  subscribe(listener: EventListener): () => void;
  /** Starts the sync loop on the poll interval (unless paused in settings). */
  start(): void;
  /** Lets a running step finish, stops the loop, signs out of Acumatica, closes the database. */
  stop(): Promise<void>;
  readonly dataDir: string;
}
