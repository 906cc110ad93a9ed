// The two Electron IPC channel names, shared by main and the preload. No imports: the preload bundle pulls this in.
export const REQUEST_CHANNEL = 'dropstream:request';
export const EVENT_CHANNEL = 'dropstream:event';
