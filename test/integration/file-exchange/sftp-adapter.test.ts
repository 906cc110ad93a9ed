// The file-exchange adapter over a REAL OpenSSH SFTP server on 127.0.0.1 (test/fakes/sftp/sshd.ts): host-key
// pinning, key and password handling, outage and recovery, the same order/confirmation rules as on a folder.
import { existsSync, mkdirSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WmsAdapter } from '../../../main/core/wms/adapter.js';
import { createFileExchangeAdapter } from '../../../main/core/wms/file-exchange/adapter.js';
import { createCsvFormat } from '../../../main/core/wms/file-exchange/csv/format.js';
import { fileExchangeSettingsSchema } from '../../../main/core/wms/file-exchange/settings.js';
import { acceptSftpHostKey, pinnedSftpHostKey } from '../../../main/core/wms/file-exchange/transport/index.js';
import { startSshd, type SshdServer } from '../../fakes/sftp/sshd.js';
import { sampleOrder } from '../../fixtures/orders.js';
import { lookupOf, memorySecrets, shpCsv, testDeps } from '../../unit/file-exchange/helpers.js';

let server: SshdServer;
beforeAll(async () => {
  server = await startSshd();
});
afterAll(async () => {
  await server?.dispose();
});

let n = 0;
function setup(opts: { auth?: 'key' | 'password'; secrets?: Parameters<typeof memorySecrets>[0]; deps?: ReturnType<typeof testDeps>; stableForMs?: number } = {}) {
  const sub = `exchange-${++n}`;
  mkdirSync(join(server.root, sub));
  const deps = opts.deps ?? testDeps({ secrets: memorySecrets(opts.secrets ?? { 'wms.sftp.privateKey': server.clientPrivateKey }) });
  const transport = { kind: 'sftp', host: server.host, port: server.port, username: server.username, root: join(server.root, sub), auth: opts.auth ?? 'key' };
  const settings = fileExchangeSettingsSchema.parse({ adapter: 'file', transport, stableForMs: opts.stableForMs ?? 0 });
  const adapter: WmsAdapter = createFileExchangeAdapter(settings, deps, createCsvFormat());
  const local = join(server.root, sub);
  return { adapter, deps, local, transport, ls: (d: string) => readdirSync(join(local, d)).sort() };
}

const so = sampleOrder('SO', '000123');
const lookup = lookupOf([so]);

describe('file-exchange adapter over SFTP (real sshd)', () => {
  it('connects with the key, pins the host key, creates the folders and passes the test', async () => {
    const { adapter, deps, transport, ls } = setup();
    try {
      const checks = await adapter.testConnection();
      expect(checks.map((c) => [c.id, c.ok])).toEqual([['reachable', true], ['host-key', true], ['folders', true], ['write-in', true], ['read-out', true]]);
      expect(pinnedSftpHostKey(deps.state, transport)).toBe(server.hostFingerprint);
      expect(checks[1]!.message).toBe(`First connection: pinned the server's host key ${server.hostFingerprint}. Compare it with the fingerprint your server administrator gives you; from now on a different key is refused.`);
      expect((await adapter.testConnection())[1]!.message).toBe(`Host key ${server.hostFingerprint} matches the one pinned on first connect.`);
      expect(ls('.')).toEqual(['in', 'out']);
      expect(ls('in')).toEqual([]);
    } finally {
      await adapter.close();
    }
  });

  it('writes order files atomically and idempotently, and reads, rejects and archives confirmations', async () => {
    const { adapter, deps, local, ls } = setup();
    try {
      const sent = await adapter.sendOrder(so, 'new', 1);
      deps.clock.advance(5000);
      expect(await adapter.sendOrder(so, 'new', 1)).toEqual(sent);
      expect(ls('in')).toEqual([sent.wmsRef]);
      expect(readFileSync(join(local, 'in', sent.wmsRef), 'utf8').split('\r\n')).toHaveLength(4);
      expect(await adapter.findOrder(so.ref)).toEqual(sent);
      const evil = await adapter.sendOrder(sampleOrder('..', 'x', { ref: '../../../../tmp/escape' }), 'new', 1);
      expect(evil.wmsRef).toBe(`ord_${'_'.repeat(12)}tmp_escape_20261127100005.csv`);
      expect(ls('in')).toEqual([sent.wmsRef, evil.wmsRef]);
      expect(ls('.')).toEqual(['in', 'out']);

      writeFileSync(join(local, 'out', 'shp_1.csv'), shpCsv([{ box_id: 'B1', quantity: '1' }, { box_id: 'B2', tracking_number: '1Z2', quantity: '1' }]));
      writeFileSync(join(local, 'out', 'shp_2.csv'), shpCsv([{ order_ref: 'SO-404' }]));
      const { batches, rejected } = await adapter.collect(lookup);
      expect(rejected).toEqual([{ source: 'out/shp_2.csv', reasons: [expect.stringMatching(/^Row 2 \(order SO-404, box B1\): order_ref "SO-404" is not an order/)] }]);
      expect(readFileSync(join(local, 'out', 'error', 'shp_2.csv.error.txt'), 'utf8')).toContain('order_ref "SO-404" is not an order this app sent');
      expect(batches).toHaveLength(1);
      expect(batches[0]!.fulfillments[0]!.packages.map((p) => [p.boxId, p.trackingNumber])).toEqual([['B1', '1Z999'], ['B2', '1Z2']]);
      await batches[0]!.commit();
      expect(ls('out/archive')).toEqual(['shp_1.csv']);
      writeFileSync(join(local, 'out', 'shp_1.csv'), shpCsv([{ box_id: 'B1', quantity: '1' }, { box_id: 'B2', tracking_number: '1Z2', quantity: '1' }]));
      expect(await adapter.collect(lookup)).toEqual({ batches: [], rejected: [] });
      expect(ls('out/archive')).toEqual(['shp_1.csv', 'shp_1_2.csv']);
    } finally {
      await adapter.close();
    }
  });

  it('reads a confirmation on the first poll when its mtime (whole seconds over SFTP) is older than the window (issue #15 item 3)', async () => {
    const { adapter, deps, local } = setup({ stableForMs: 2000 });
    try {
      await adapter.testConnection();
      const now = deps.clock.now() / 1000;
      writeFileSync(join(local, 'out', 'shp_old.csv'), shpCsv([{ quantity: '1' }]));
      utimesSync(join(local, 'out', 'shp_old.csv'), now - 4, now - 4);
      writeFileSync(join(local, 'out', 'shp_new.csv'), shpCsv([{ quantity: '1', box_id: 'B2', tracking_number: '1Z2' }]));
      utimesSync(join(local, 'out', 'shp_new.csv'), now - 2, now - 2); // inside window + 1 s resolution
      // The old one at once; the fresh one after waiting the 1 s it still lacked, within the same poll.
      expect((await adapter.collect(lookup)).batches.map((b) => b.source)).toEqual(['out/shp_old.csv', 'out/shp_new.csv']);
      expect(deps.clock.now()).toBe(now * 1000 + 1000);
    } finally {
      await adapter.close();
    }
  });

  it('refuses a changed host key with operator wording, until the new key is accepted', async () => {
    const first = setup();
    await first.adapter.testConnection();
    await first.adapter.close();
    const pinned = pinnedSftpHostKey(first.deps.state, first.transport)!;
    await server.stop();
    await server.start({ newHostKey: true });
    expect(server.hostFingerprint).not.toBe(pinned);

    const again = setup({ deps: first.deps });
    const err = await again.adapter.sendOrder(so, 'new', 1).catch((e: unknown) => e);
    expect(err).toMatchObject({
      kind: 'credentials-rejected',
      credential: 'wms-host-key',
      fields: { pinnedFingerprint: pinned, presentedFingerprint: server.hostFingerprint },
    });
    expect((err as Error).message).toMatch(/presented a different host key .* accept the new host key in the warehouse settings/);
    expect(again.ls('.')).toEqual([]);
    const checks = await again.adapter.testConnection();
    expect(checks.slice(0, 3).map((c) => [c.id, c.ok, c.skipped ?? false])).toEqual([['reachable', true, false], ['host-key', false, false], ['folders', false, true]]);
    expect(checks[1]!.message).toContain(server.hostFingerprint);

    acceptSftpHostKey(first.deps.state, again.transport, server.hostFingerprint);
    expect((await again.adapter.sendOrder(so, 'new', 1)).wmsRef).toMatch(/^ord_SO-000123_\d{14}\.csv$/);
    await again.adapter.close();
    expect(() => acceptSftpHostKey(first.deps.state, again.transport, 'not a fingerprint')).toThrow(/SHA256:/);
  });

  it('reports a server outage as transient and works again once it is back, on the same adapter', async () => {
    const { adapter, ls } = setup();
    try {
      await adapter.testConnection();
      await server.stop();
      await expect(adapter.sendOrder(so, 'new', 1)).rejects.toMatchObject({ kind: 'transient', message: expect.stringContaining(`${server.host}:${server.port}`) });
      await expect(adapter.collect(lookup)).rejects.toMatchObject({ kind: 'transient' });
      const down = await adapter.testConnection();
      expect(down[0]).toMatchObject({ id: 'reachable', ok: false, message: expect.stringMatching(/Cannot reach the SFTP server .* the app keeps retrying/) });
      await server.start();
      const sent = await adapter.sendOrder(so, 'new', 1);
      expect(ls('in')).toEqual([sent.wmsRef]);
    } finally {
      await adapter.close();
    }
  });

  it('asks for the credential when it is missing or refused', async () => {
    const noKey = setup({ secrets: {} });
    await expect(noKey.adapter.collect(lookup)).rejects.toMatchObject({ kind: 'credentials-rejected', credential: 'wms-key', message: expect.stringContaining('No SFTP private key is saved') });
    const noPassword = setup({ auth: 'password', secrets: {} });
    await expect(noPassword.adapter.collect(lookup)).rejects.toMatchObject({ kind: 'credentials-rejected', credential: 'wms-password' });
    // The test server has password authentication off, so any password is refused, as a wrong one would be.
    const wrong = setup({ auth: 'password', secrets: { 'wms.sftp.password': 'wrong' } });
    const err = await wrong.adapter.collect(lookup).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'credentials-rejected', credential: 'wms-password', message: expect.stringContaining('refused the password') });
    const e = err as { message: string; serverMessage?: string };
    expect(`${e.message} ${e.serverMessage ?? ''} ${JSON.stringify(err)}`).not.toContain('wrong');
    expect(existsSync(join(wrong.local, 'in'))).toBe(false);
  });

  it('reports a missing remote folder as a settings problem', async () => {
    const { adapter } = setup();
    const deps = testDeps({ secrets: memorySecrets({ 'wms.sftp.privateKey': server.clientPrivateKey }) });
    const missing = createFileExchangeAdapter(
      fileExchangeSettingsSchema.parse({ adapter: 'file', transport: { kind: 'sftp', host: server.host, port: server.port, username: server.username, root: join(server.root, 'nope'), auth: 'key' } }),
      deps,
      createCsvFormat(),
    );
    try {
      await expect(missing.sendOrder(so, 'new', 1)).rejects.toMatchObject({ kind: 'config', message: expect.stringContaining('does not exist on 127.0.0.1') });
    } finally {
      await missing.close();
      await adapter.close();
    }
  });
});
