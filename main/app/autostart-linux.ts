// Start at login on Linux, where app.setLoginItemSettings does nothing: an XDG autostart entry in
// ~/.config/autostart. The command is the AppImage when run from one (its mounted path changes every run).
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HIDDEN_ARG } from './lifecycle.js';

export const AUTOSTART_FILE = 'com.dropstream.acumatica.desktop';

/**
 * The .desktop entry. Exec quoting per the Desktop Entry spec: the path in double quotes with \ " ` $ escaped by a
 * backslash, then every backslash doubled (the string-escape rule applies first when the file is read), and % as %%.
 */
export function autostartEntry(executable: string): string {
  if (/[\r\n]/.test(executable)) throw new Error('The program path contains a line break; start at login cannot be set up.');
  const quotedArg = executable.replace(/[\\"`$]/g, (c) => `\\${c}`).replace(/\\/g, '\\\\').replace(/%/g, '%%');
  const quoted = `"${quotedArg}"`;
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=DropStream for Acumatica',
    `Exec=${quoted} ${HIDDEN_ARG}`,
    'X-GNOME-Autostart-enabled=true',
    'NoDisplay=false',
    '',
  ].join('\n');
}

export async function setLinuxAutostart(configDir: string, executable: string, enabled: boolean): Promise<void> {
  const dir = join(configDir, 'autostart');
  const file = join(dir, AUTOSTART_FILE);
  if (!enabled) {
    await rm(file, { force: true });
    return;
  }
  await mkdir(dir, { recursive: true });
  await writeFile(file, autostartEntry(executable), { mode: 0o644 });
}
