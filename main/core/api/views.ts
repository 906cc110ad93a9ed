// Builds the UI's views (main/ipc/views.ts) from the store. The CLI prints the same views.
import type { AcumaticaConnection } from '../acumatica/gateway.js';
import type { Settings } from '../settings/schema.js';
import type { OrderRecord, Store } from '../store/index.js';
import { readSlowSteps } from '../sync/slow-steps.js';
import { shippedWmsByLine } from '../sync/shipped.js';
import { writebackOrder } from '../domain/sku-mapping.js';
import type { FulfillmentView, LineView, OrderDetail, OrderRow, StatusView, WmsConnection } from '../../ipc/views.js';

export function orderRow(store: Store, rec: OrderRecord): OrderRow {
  const fulfillments = store.fulfillments.forOrder(rec.ref);
  const jobs = store.jobs.forSubjects([rec.ref, ...fulfillments.map((f) => f.id)]);
  const job = jobs.find((j) => j.status === 'needs-retry' || j.status === 'failed') ?? jobs[0];
  return {
    ref: rec.ref,
    source: rec.source,
    state: rec.state,
    customerId: rec.customerId,
    shipToName: rec.shipToName,
    orderDate: rec.orderDate,
    lineCount: rec.lineCount,
    wmsRef: rec.wmsRef,
    shipmentNbrs: fulfillments.flatMap((f) => (f.shipmentNbr ? [f.shipmentNbr] : [])),
    trackingNumbers: fulfillments.flatMap((f) => f.fulfillment.packages.map((p) => p.trackingNumber)).filter(Boolean),
    lastError: rec.lastError,
    attention: rec.attention,
    attentionReason: rec.attentionReason,
    attempts: job?.attempts ?? 0,
    nextAttemptAt: job && job.status === 'needs-retry' ? new Date(job.nextAttemptAt).toISOString() : null,
    updatedAt: rec.updatedAt,
  };
}

export function orderDetail(store: Store, rec: OrderRecord): OrderDetail {
  const fulfillments = store.fulfillments.forOrder(rec.ref);
  const jobs = store.jobs.forSubjects(fulfillments.map((f) => f.id));
  const shipped = shippedWmsByLine(store, rec.ref);
  const sentByRef = new Map((rec.sent?.lines ?? []).map((l) => [l.lineRef, l]));
  const allLines = rec.order ? writebackOrder(rec.order, rec.sent).lines : [];
  const lines: LineView[] = allLines.map((l) => {
    const sentParts = [...sentByRef.values()].filter((s) => s.lineRef === l.lineRef || s.lineRef.startsWith(`${l.lineRef}/`));
    return {
      lineRef: l.lineRef,
      inventoryId: l.inventoryId,
      sku: sentParts.map((s) => s.sku).join(', ') || l.sku,
      uom: l.uom,
      description: l.description,
      // As sent (in Acumatica units), else what Acumatica has open now.
      ordered: sentParts[0] ? sentParts[0].quantity / (sentParts[0].factor ?? 1) : l.quantity,
      sent: sentParts.reduce((n, s) => n + s.quantity, 0),
      shipped: sentParts.reduce((n, s) => n + (shipped[s.lineRef] ?? 0), 0),
    };
  });
  const views: FulfillmentView[] = fulfillments.map((f) => {
    const job = jobs.find((j) => j.subject === f.id);
    return {
      fulfillment: f.fulfillment,
      state: f.state,
      shipmentNbr: f.shipmentNbr,
      confirmed: f.confirmed,
      attempts: job?.attempts ?? 0,
      nextAttemptAt: job?.status === 'needs-retry' ? new Date(job.nextAttemptAt).toISOString() : null,
      lastError: f.lastError,
      payload: f.payload,
    };
  });
  return {
    row: orderRow(store, rec),
    order: rec.order,
    raw: rec.raw,
    lines,
    fulfillments: views,
    timeline: store.activity.forOrder(rec.ref),
    wmsPayload: rec.sent,
  };
}

export function statusView(store: Store, settings: Settings, now: number, extra: { syncing: boolean; demo: boolean; progress?: StatusView['progress'] }): StatusView {
  const counts = store.orders.allCounts();
  const acumatica: AcumaticaConnection = settings.acumatica
    ? (store.sideHealth.connection('acumatica') ?? { state: 'connecting', message: 'Not polled yet' })
    : { state: 'not-configured', message: 'Acumatica is not set up yet: run the connection wizard.' };
  const wms: WmsConnection = settings.wms
    ? (store.sideHealth.connection('wms') ?? { state: 'connected', message: 'Not contacted yet', adapter: settings.wms.adapter })
    : { state: 'not-configured', message: 'No warehouse is set up yet.' };
  const polls = store.sideHealth.pollTimes();
  return {
    acumatica,
    wms,
    counts,
    paused: settings.app.paused,
    syncing: extra.syncing,
    lastPollAt: polls.lastPollAt,
    lastSuccessfulPollAt: polls.lastSuccessAt,
    nextPollAt: settings.app.paused ? null : polls.nextPollAt,
    progress: extra.progress ?? null,
    slowSteps: readSlowSteps(store, now),
    throughput: throughput(store, now),
    warnings: warnings(settings, now),
    demo: extra.demo,
  };
}

function throughput(store: Store, now: number): StatusView['throughput'] {
  const since = new Date(now - 23 * 3_600_000);
  since.setUTCMinutes(0, 0, 0);
  const sinceIso = since.toISOString();
  const inn = store.activity.perHour('imported', sinceIso);
  const out = store.activity.perHour('written-back', sinceIso);
  const hours: StatusView['throughput'] = [];
  for (let i = 0; i < 24; i++) {
    const hour = new Date(since.getTime() + i * 3_600_000).toISOString().slice(0, 13);
    hours.push({ hour: `${hour}:00`, ordersIn: inn.get(hour) ?? 0, shipmentsOut: out.get(hour) ?? 0 });
  }
  return hours;
}

function warnings(settings: Settings, now: number): string[] {
  const out: string[] = [];
  const expires = settings.acumatica?.secretExpiresOn;
  if (expires) {
    const days = Math.floor((Date.parse(expires) - now) / 86_400_000);
    if (days < 0) out.push(`The Acumatica shared secret expired on ${expires}: issue a new one in Acumatica (Connected Applications) and enter it in Settings.`);
    else if (days <= 14) out.push(`The Acumatica shared secret expires on ${expires} (in ${days} day(s)): issue a new one in Acumatica and enter it in Settings before then.`);
  }
  if (settings.app.paused) out.push('Sync is paused: nothing is imported or sent until you resume.');
  return out;
}
