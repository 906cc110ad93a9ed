// `dropstream configure acumatica|wms|mappings`: validates with the one settings schema, stores secrets in the
// keychain (or, with --secrets env, only checks that the environment has them).
import { Option, type Command } from 'commander';
import { AppError } from '../../core/errors.js';
import { ENV_NAMES } from '../../core/secrets/env-store.js';
import type { SecretName, SecretStore } from '../../core/secrets/secret-store.js';
import { acumaticaSettingsSchema, checkWmsSettings, type Settings } from '../../core/settings/schema.js';
import { acceptSftpHostKey } from '../../core/wms/file-exchange/transport/index.js';
import { openStore } from '../../core/store/index.js';
import { adapterIds, builtInWmsAdapters, secretsNeeded } from '../../core/wms/registry.js';
import { createOutput } from '../output.js';
import { promptSecret } from '../prompt.js';
import { dataDirOf, secretStoreOf, settingsStoreOf, type GlobalOptions } from '../session.js';
import { run } from './run-action.js';

/** "a, b or c" */
const orList = (items: string[]): string => (items.length > 1 ? `${items.slice(0, -1).join(', ')} or ${items.at(-1)}` : (items[0] ?? ''));

const list = (v: string): string[] => v.split(',').map((s) => s.trim()).filter(Boolean);

function onOff(v: unknown, flag: string): boolean {
  const t = String(v).trim().toLowerCase();
  if (t === 'on') return true;
  if (t === 'off') return false;
  throw new AppError('invalid-input', `${flag} takes on or off, not "${String(v)}".`);
}

function validated<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const i of parsed.error.issues) fields[i.path.map(String).join('.')] = i.message;
  throw new AppError('config', `The ${what} settings are not valid: ${Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('; ')}`, { fields });
}

/** Takes a secret from the environment or a prompt, and stores it (keychain) or checks it is there (env). */
async function collectSecret(store: SecretStore, name: SecretName, label: string, opts: GlobalOptions, required: boolean): Promise<boolean> {
  const variable = ENV_NAMES[name];
  const fromEnv = variable ? process.env[variable] : undefined;
  if ((opts.secrets ?? process.env.DROPSTREAM_SECRETS) === 'env') {
    if (!fromEnv && required) throw new AppError('config', `With --secrets env, set ${variable ?? name} in the environment.`);
    return Boolean(fromEnv);
  }
  let value: string | null | undefined = fromEnv;
  if (value && name === 'wms.sftp.privateKey') {
    const { readFileSync } = await import('node:fs');
    value = readFileSync(value, 'utf8');
  }
  if (!value && (await store.get(name)) !== null) return true;
  value ??= await promptSecret(`${label}: `);
  if (!value) {
    if (!required) return false;
    throw new AppError('config', `${label} is needed: set ${variable ?? name} in the environment or run this command in a terminal to be asked for it.`);
  }
  await store.set(name, value);
  return true;
}

export function registerConfigure(program: Command, globals: () => GlobalOptions): void {
  const configure = program.command('configure').description('Set up the Acumatica connection, the warehouse, and mappings');

  configure
    .command('acumatica')
    .description('Acumatica instance, Connected Application (Client ID) and user; secrets go to the keychain')
    .requiredOption('--url <url>', 'Instance URL, e.g. https://yourcompany.acumatica.com')
    .requiredOption('--client-id <id>', 'Client ID of the Connected Application (GUID@Tenant)')
    .requiredOption('--username <user>', 'Acumatica user name of the integration user')
    .option('--mode <mode>', 'sales-orders (default) or shipments')
    .option('--endpoint-version <v>', 'Pin the Default endpoint version, e.g. 24.200.001 (default: newest offered)')
    .option('--statuses <list>', 'Statuses that are ready to fulfil, comma separated (default: Open)', list)
    .option('--order-types <list>', 'Only these order types (sales-order mode), comma separated (default: SO)', list)
    .option('--page-size <n>', 'Records per Acumatica list request during an import (default 100)', Number)
    .option('--warehouse <id>', 'Only documents of this warehouse')
    .option('--ca-file <path>', 'Trust this extra CA certificate file (PEM) for an on-premise instance')
    .option('--no-confirm', 'Do not confirm shipments after writing them back')
    .option('--secret-expires <date>', 'Shared Secret "Expires On" date (YYYY-MM-DD), to warn two weeks ahead')
    .option('--requests-per-minute <n>', 'Most Acumatica requests per minute (default 60; mind the license limits)', Number)
    .option('--max-concurrent <n>', 'Most Acumatica requests at the same time (default 1; more only with --concurrent-access)', Number)
    .option('--concurrent-access', 'Ask for the api:concurrent_access scope (the Connected Application must allow it) so requests may run in parallel')
    .option('--action-poll-seconds <n>', 'First wait between polls of a ConfirmShipment in progress (default 0.5)', Number)
    .option('--action-timeout-seconds <n>', 'Give up following a ConfirmShipment after this long; it is checked again later (default 120)', Number)
    .option('--package-contents <on|off>', 'Send each package\'s items and lot/serial numbers (default on); off sends packages only')
    .option('--ship-line-types <list>', 'Sales-order Line Types sent to the warehouse, comma separated (default "Goods for Inventory,Non-Inventory Goods")', list)
    .option('--lot-serial-items <list>', 'InventoryIDs that are lot/serial tracked in Acumatica, comma separated (held without the warehouse\'s lots)', list)
    .action(
      run(globals, async (o: Record<string, unknown>, opts) => {
        const out = createOutput(Boolean(opts.json));
        const settingsStore = settingsStoreOf(opts);
        const current = settingsStore.read();
        const value = validated(
          acumaticaSettingsSchema,
          {
            ...(current.acumatica ?? {}),
            url: o.url,
            clientId: o.clientId,
            username: o.username,
            ...(o.mode ? { mode: o.mode } : {}),
            ...(o.endpointVersion ? { endpointVersion: o.endpointVersion } : {}),
            ...(o.statuses ? { statuses: o.statuses } : {}),
            ...(o.orderTypes ? { orderTypes: o.orderTypes } : {}),
            ...(o.warehouse ? { warehouseId: o.warehouse } : {}),
            ...(o.caFile ? { caFile: o.caFile } : {}),
            ...(o.secretExpires ? { secretExpiresOn: o.secretExpires } : {}),
            ...(o.requestsPerMinute !== undefined ? { requestsPerMinute: o.requestsPerMinute } : {}),
            ...(o.maxConcurrent !== undefined ? { maxConcurrent: o.maxConcurrent } : {}),
            ...(o.pageSize !== undefined ? { pageSize: o.pageSize } : {}),
            ...(o.concurrentAccess ? { concurrentAccess: true } : {}),
            ...(o.actionPollSeconds !== undefined ? { actionPollSeconds: o.actionPollSeconds } : {}),
            ...(o.actionTimeoutSeconds !== undefined ? { actionTimeoutSeconds: o.actionTimeoutSeconds } : {}),
            ...(o.packageContents !== undefined ? { packageContents: onOff(o.packageContents, '--package-contents') } : {}),
            ...(o.shipLineTypes ? { shipLineTypes: o.shipLineTypes } : {}),
            ...(o.lotSerialItems ? { lotSerialItems: o.lotSerialItems } : {}),
            confirmShipments: o.confirm !== false,
          },
          'Acumatica',
        );
        const secrets = await secretStoreOf(opts);
        await collectSecret(secrets, 'acumatica.sharedSecret', 'Shared Secret of the Connected Application', opts, true);
        await collectSecret(secrets, 'acumatica.password', `Password of ${value.username}`, opts, true);
        if (current.acumatica && current.acumatica.clientId !== value.clientId) await secrets.delete('acumatica.refreshToken').catch(() => undefined);
        settingsStore.write({ ...current, acumatica: value } satisfies Settings);
        out.result({ configured: 'acumatica', mode: value.mode, secrets: secrets.description }, () =>
          `Acumatica connection saved (${value.mode} mode); secrets are in the ${secrets.description}. Next: dropstream test-connection`,
        );
      }),
    );

  // The warehouse flags, their help and what they mean come from the adapter registry: a new adapter is configurable
  // here with no change to this command.
  const wmsAdapters = builtInWmsAdapters;
  const wms = configure
    .command('wms')
    .description(`The warehouse: ${orList(wmsAdapters.map((d) => d.label.replace(/ \(.*\)$/, '')))}`)
    .requiredOption('--adapter <name>', adapterIds(wmsAdapters).join(' | '));
  const flags = new Set<string>();
  for (const option of wmsAdapters.flatMap((d) => d.cli.options)) {
    if (flags.has(option.flags)) continue;
    flags.add(option.flags);
    const flag = new Option(option.flags, option.description);
    wms.addOption(option.number ? flag.argParser(Number) : flag);
  }
  wms.action(
    run(globals, async (o: Record<string, unknown>, opts) => {
      const out = createOutput(Boolean(opts.json));
      const settingsStore = settingsStoreOf(opts);
      const adapters = settingsStore.wmsAdapters;
      const descriptor = adapters.find((d) => d.id === o.adapter);
      if (!descriptor) throw new AppError('invalid-input', `Unknown adapter "${String(o.adapter)}": use ${orList(adapterIds(adapters))}.`);
      const current = settingsStore.read();
      const secrets = await secretStoreOf(opts);
      const checked = checkWmsSettings(adapters, descriptor.cli.settingsFrom(o));
      if ('fields' in checked) {
        const problems = Object.entries(checked.fields).map(([k, v]) => `${k}: ${v}`).join('; ');
        throw new AppError('config', `The warehouse settings are not valid: ${problems}`, { fields: checked.fields });
      }
      const value = checked.settings;
      for (const secret of secretsNeeded(adapters, value)) await collectSecret(secrets, secret.name, secret.label, opts, true);
      settingsStore.write({ ...current, wms: value });
      out.result({ configured: 'wms', adapter: value.adapter }, () => `Warehouse connection saved (${value.adapter}). Next: dropstream test-connection`);
    }),
  );

  configure
    .command('mappings')
    .description('Map warehouse carriers/services to Acumatica Ship Via codes and package types to Box IDs')
    .option('--ship-via <rule...>', 'CARRIER[|SERVICE]=SHIPVIA, e.g. "UPS|Ground=UPSGROUND"')
    .option('--box <rule...>', 'PACKAGETYPE=BOXID, e.g. LARGE=LARGE')
    .option('--default-box <boxId>', 'Box ID for packages without a mapped type')
    .action(
      run(globals, async (o: { shipVia?: string[]; box?: string[]; defaultBox?: string }, opts) => {
        const out = createOutput(Boolean(opts.json));
        const settingsStore = settingsStoreOf(opts);
        const current = settingsStore.read();
        if (!current.acumatica) throw new AppError('config', 'Configure Acumatica first: dropstream configure acumatica …');
        const pairs = (rules: string[] | undefined, what: string) =>
          Object.fromEntries(
            (rules ?? []).map((r) => {
              const at = r.lastIndexOf('=');
              if (at <= 0 || at === r.length - 1) throw new AppError('invalid-input', `${what} rule "${r}" must look like FROM=TO.`);
              return [r.slice(0, at).trim(), r.slice(at + 1).trim()];
            }),
          );
        const acumatica = {
          ...current.acumatica,
          shipViaMap: { ...current.acumatica.shipViaMap, ...pairs(o.shipVia, 'Ship Via') },
          boxMap: { ...current.acumatica.boxMap, ...pairs(o.box, 'Box') },
          ...(o.defaultBox !== undefined ? { defaultBoxId: o.defaultBox } : {}),
        };
        settingsStore.write({ ...current, acumatica });
        out.result({ shipViaMap: acumatica.shipViaMap, boxMap: acumatica.boxMap, defaultBoxId: acumatica.defaultBoxId }, () => 'Mappings saved.');
      }),
    );

  program
    .command('accept-host-key')
    .description("Trust the SFTP server's current host key (after checking it with the server's administrator)")
    .requiredOption('--fingerprint <sha256>', 'The new fingerprint, as shown in the error (SHA256:…)')
    .action(
      run(globals, async (o: { fingerprint: string }, opts) => {
        const out = createOutput(Boolean(opts.json));
        const wms = settingsStoreOf(opts).read().wms;
        if (wms?.adapter !== 'file' || wms.transport.kind !== 'sftp') throw new AppError('config', 'The warehouse is not an SFTP file exchange.');
        const store = openStore(dataDirOf(opts));
        try {
          acceptSftpHostKey(store.adapterState('file'), { host: wms.transport.host, port: wms.transport.port }, o.fingerprint);
        } finally {
          store.close();
        }
        out.result({ accepted: o.fingerprint }, () => `Host key ${o.fingerprint} is now trusted for ${wms.transport.kind === 'sftp' ? wms.transport.host : ''}.`);
      }),
    );
}
