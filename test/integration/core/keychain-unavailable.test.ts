// Without a D-Bus session there is no keychain: the command says so and what to do, and exits 3 without saving half.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir();
const BIN = fileURLToPath(new URL('../../../bin/dropstream.js', import.meta.url));

describe('no keychain available', () => {
  it('refuses to configure with a message that names --secrets env, and writes no settings', () => {
    const home = tempDir();
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: tempDir(), DROPSTREAM_ACUMATICA_CLIENT_SECRET: 'not-saved-anywhere', DROPSTREAM_ACUMATICA_PASSWORD: 'pw' };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    delete env.DISPLAY;
    const res = spawnSync(
      process.execPath,
      [BIN, '--home', home, 'configure', 'acumatica', '--url', 'https://acme.acumatica.com', '--client-id', '8E0761D9-F4EC-2D4B-A60F-BCE2708C6FDD@Acme', '--username', 'api'],
      { env, encoding: 'utf8', timeout: 30_000 },
    );
    expect(res.status).toBe(3);
    expect(res.stderr).toMatch(/No desktop keychain is running/);
    expect(res.stderr).toMatch(/--secrets env/);
    const settings = join(home, 'settings.json');
    expect(existsSync(settings) ? readFileSync(settings, 'utf8') : '').not.toContain('acme.acumatica.com');
  });
});
