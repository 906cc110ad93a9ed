// The API the screens use: the contract's Api, plus an optional "the event stream reconnected" signal (after a
// reconnect events may have been missed, so the UI refetches everything).
import type { Api } from '../../../main/ipc/contract.js';

export type UiApi = Api & {
  onReconnect?(listener: () => void): () => void;
};
