// The core's side of the contract: every request channel, its input parsed with its schema first. Both shells
// (Electron IPC and the HTTP server) call exactly these.
import type { z } from 'zod';
import { errorInfo, AppError } from '../errors.js';
import { redactor } from '../log/redact.js';
import { SECRET_NAMES, type SecretName, type SecretStore } from '../secrets/secret-store.js';
import type { Runtime } from '../runtime.js';
import { checkWmsSettings, type WmsSettings } from '../settings/schema.js';
import { testWmsConnection } from '../wms/registry.js';
import type { Channel, Handlers, RequestResult, Result } from '../../ipc/contract.js';
import { requestSchemas } from '../../ipc/schemas.js';
import type { ProgressEvent, SettingsView } from '../../ipc/views.js';
import { ordersCsv, parseSkuCsv, skuCsv } from './csv.js';
import { reconcileCsv } from '../reconcile/csv.js';
import { createReconcileService, type ReconcileService } from '../reconcile/service.js';
import { orderDetail, orderRow, statusView } from './views.js';

type Input<C extends Channel> = z.output<(typeof requestSchemas)[C]>;
type Impl = { [C in Channel]: (input: Input<C>) => Promise<RequestResult<C>> | RequestResult<C> };

export interface HandlerContext {
  runtime: Runtime;
  shell: 'desktop' | 'browser';
  demo: boolean;
  version: string;
  openExternal: (url: string) => Promise<boolean>;
  progress: () => ProgressEvent | null;
  /** The core's one reconciliation service (shared with the daily schedule); created here when absent. */
  reconcile?: ReconcileService;
}

export function createHandlers(hc: HandlerContext): Handlers {
  const impl = implementation(hc);
  const out = {} as Record<Channel, (input: unknown) => Promise<Result<unknown>>>;
  for (const channel of Object.keys(requestSchemas) as Channel[]) {
    out[channel] = async (raw: unknown) => {
      const parsed = requestSchemas[channel].safeParse(raw);
      if (!parsed.success) {
        const fields: Record<string, string> = {};
        for (const issue of parsed.error.issues) fields[issue.path.join('.') || '(input)'] = issue.message;
        return { ok: false, error: { kind: 'invalid-input', message: `Please check: ${Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('; ')}`, fields } };
      }
      try {
        const fn = impl[channel] as (input: unknown) => Promise<unknown>;
        return { ok: true, value: await fn(parsed.data) };
      } catch (e) {
        const info = errorInfo(e);
        if (info.kind === 'internal') hc.runtime.logger.error(`Request ${channel} failed`, { error: info.message });
        return { ok: false, error: redactor.value(info) as typeof info };
      }
    };
  }
  return out as unknown as Handlers;
}

function implementation(hc: HandlerContext): Impl {
  const rt = hc.runtime;
  const store = rt.store;
  const engine = rt.engine;
  const reconcile = hc.reconcile ?? createReconcileService(rt);

  async function settingsView(): Promise<SettingsView> {
    const saved = {} as Record<SecretName, boolean>;
    for (const name of SECRET_NAMES) saved[name] = (await rt.secrets.get(name).catch(() => null)) !== null;
    const wmsAdapters = rt.wmsAdapters.map((d) => ({ id: d.id, label: d.label, offered: d.offered }));
    return { settings: rt.settingsNow(), secretsSaved: saved, secretStore: rt.secrets.description, dataDir: rt.dataDir, wmsAdapters };
  }

  /** A warehouse section from a request, checked with the adapter registry in use (the contract checks its shape only). */
  function wmsFromRequest(value: unknown, at: string): WmsSettings {
    const checked = checkWmsSettings(rt.wmsAdapters, value);
    if ('settings' in checked) return checked.settings;
    const fields = Object.fromEntries(Object.entries(checked.fields).map(([path, message]) => [`${at}.${path}`, message]));
    throw new AppError('invalid-input', `Please check: ${Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('; ')}`, { fields });
  }

  async function setPaused(paused: boolean): Promise<{ paused: boolean }> {
    const s = rt.settingsNow();
    await rt.saveSettings({ ...s, app: { ...s.app, paused } });
    if (!paused) engine.syncNow();
    return { paused };
  }

  return {
    'app.info': () => ({ version: hc.version, dataDir: rt.dataDir, shell: hc.shell, demo: hc.demo }),
    'status.get': () => statusView(store, rt.settingsNow(), rt.clock.now(), { syncing: engine.isRunning(), demo: hc.demo, progress: hc.progress() }),
    'orders.list': (q) => {
      const { total, rows } = store.orders.list(q);
      return { total, rows: rows.map((r) => orderRow(store, r)) };
    },
    'orders.get': ({ ref }) => {
      const rec = store.orders.get(ref);
      if (!rec) throw new AppError('not-found', `There is no order ${ref}.`);
      return orderDetail(store, rec);
    },
    'orders.exportCsv': (q) => {
      const { rows } = store.orders.list({ ...q, offset: 0, limit: 1_000_000 });
      return { csv: ordersCsv(rows.map((r) => orderRow(store, r))), fileName: `orders-${q.state ?? 'all'}-${new Date(rt.clock.now()).toISOString().slice(0, 10)}.csv` };
    },
    'orders.retry': (input) => ({ retried: 'allFailed' in input ? engine.retryAllFailed(input.state) : engine.retry(input.refs) }),
    'orders.markResolved': ({ refs }) => ({ resolved: engine.markResolved(refs) }),
    'sync.now': () => ({ started: engine.syncNow() }),
    'sync.pause': () => setPaused(true),
    'sync.resume': () => setPaused(false),
    'settings.get': settingsView,
    'settings.save': async (input) => {
      const s = rt.settingsNow();
      const value = input.section === 'wms' ? wmsFromRequest(input.value, 'value') : input.value;
      await rt.saveSettings({ ...s, [input.section]: value });
      return settingsView();
    },
    'secrets.save': async ({ name, value }) => {
      await rt.secrets.set(name, value);
      if (name.startsWith('acumatica.')) rt.acumatica()?.credentialsChanged();
      engine.credentialsChanged();
      engine.syncNow();
      return { saved: true };
    },
    'connection.testAcumatica': async (draft) => {
      const settings = draft.settings ?? rt.settingsNow().acumatica;
      if (!settings) throw new AppError('config', 'Enter the Acumatica connection details first.');
      const secrets = overlaySecrets(rt.secrets, {
        ...(draft.sharedSecret ? { 'acumatica.sharedSecret': draft.sharedSecret } : {}),
        ...(draft.password ? { 'acumatica.password': draft.password } : {}),
      });
      redactor.register(draft.sharedSecret);
      redactor.register(draft.password);
      const gateway = rt.acumaticaFactory({ settings, secrets, clock: rt.clock, logger: rt.logger.child({ module: 'acumatica-test' }) });
      try {
        return await gateway.testConnection();
      } finally {
        await gateway.logout().catch(() => undefined);
      }
    },
    'connection.testWms': async (draft) => {
      const settings = draft.settings ? wmsFromRequest(draft.settings, 'settings') : rt.settingsNow().wms;
      if (!settings) throw new AppError('config', 'Choose a warehouse connection first.');
      return testWmsConnection(rt.wmsAdapters, settings, rt.wmsDeps(settings.adapter));
    },
    'sku.list': ({ search }) => store.sku.list(search),
    'sku.save': ({ rows }) => {
      store.tx(() => rows.forEach((r) => store.sku.upsert(r)));
      return { saved: rows.length };
    },
    'sku.delete': ({ inventoryId, uom }) => ({ deleted: store.sku.delete(inventoryId, uom) }),
    'sku.importCsv': ({ csv }) => {
      const { rows, errors } = parseSkuCsv(csv);
      if (errors.length > 0) return { imported: 0, errors };
      store.tx(() => rows.forEach((r) => store.sku.upsert(r)));
      return { imported: rows.length, errors: [] };
    },
    'sku.exportCsv': () => ({ csv: skuCsv(store.sku.all()), fileName: 'sku-mapping.csv' }),
    'sku.heldOrders': () =>
      store.orders
        .list({ state: 'held', sort: 'updatedAt', direction: 'desc', offset: 0, limit: 5000 })
        .rows.filter((r) => r.attentionReason === 'unknown-sku')
        .map((r) => orderRow(store, r)),
    'activity.list': (q) => store.activity.list(q),
    'app.openExternal': async ({ url }) => ({ opened: await hc.openExternal(url) }),
    'reconcile.run': ({ since }) => reconcile.start(since),
    'reconcile.last': () => reconcile.last(),
    'reconcile.apply': (req) => reconcile.apply(req),
    'reconcile.exportCsv': () => {
      const report = reconcile.last();
      if (!report) throw new AppError('not-found', 'No reconciliation has finished yet: run one first.');
      return { csv: reconcileCsv(report), fileName: `reconciliation-${report.finishedAt.slice(0, 10)}.csv` };
    },
  };
}

/** Draft secrets for a connection test: read first, never written to the real store (a new refresh token stays here). */
function overlaySecrets(inner: SecretStore, draft: Partial<Record<SecretName, string>>): SecretStore {
  const memory = new Map(Object.entries(draft) as [SecretName, string][]);
  return {
    description: inner.description,
    get: async (name) => memory.get(name) ?? (memory.size > 0 && name === 'acumatica.refreshToken' ? null : inner.get(name)),
    set: async (name, value) => void memory.set(name, value),
    delete: async (name) => void memory.delete(name),
  };
}
