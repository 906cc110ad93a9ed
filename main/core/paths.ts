// Where a user's data lives: the same per-user app-data folder Electron uses for this app (userData), so the desktop
// app and the `dropstream` command share one database, settings file and log folder.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_FOLDER = 'DropStream for Acumatica';

export function appDataRoot(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return env.APPDATA ?? join(homedir(), 'AppData', 'Roaming');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
}

export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  return join(appDataRoot(platform, env), APP_FOLDER);
}
