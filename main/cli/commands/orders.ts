// `dropstream status`, `orders`, `retry`, `pause`, `resume`, `sku import|export`.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { isOrderStateFilter, STATE_LABELS, ORDER_STATES, ORDER_STATE_FILTERS } from '../../core/domain/index.js';
import { AppError } from '../../core/errors.js';
import type { RunningCore } from '../../core/create-core.js';
import type { Channel, RequestResult } from '../../ipc/contract.js';
import { createOutput } from '../output.js';
import { openCore, type GlobalOptions } from '../session.js';
import { slowStepLine } from '../../core/sync/slow-steps.js';
import { run } from './run-action.js';

async function call<C extends Channel>(core: RunningCore, channel: C, input: unknown): Promise<RequestResult<C>> {
  const res = await core.handlers[channel](input);
  if (!res.ok) throw new AppError(res.error.kind, res.error.message, { ...(res.error.fields ? { fields: res.error.fields } : {}) });
  return res.value;
}

async function withCore<T>(opts: GlobalOptions, fn: (core: RunningCore) => Promise<T>): Promise<T> {
  const core = await openCore(opts);
  try {
    return await fn(core);
  } finally {
    await core.stop();
  }
}

export function registerOrders(program: Command, globals: () => GlobalOptions): void {
  program
    .command('status')
    .description('Connection state of both sides, order counts per state, last successful poll')
    .action(
      run(globals, async (_o, opts) =>
        withCore(opts, async (core) => {
          const s = await call(core, 'status.get', {});
          createOutput(Boolean(opts.json)).result(
            { acumatica: s.acumatica, wms: s.wms, counts: s.counts, paused: s.paused, lastPollAt: s.lastPollAt, lastSuccessfulPollAt: s.lastSuccessfulPollAt, nextPollAt: s.nextPollAt, slowSteps: s.slowSteps, warnings: s.warnings },
            () =>
              [
                `Acumatica: ${s.acumatica.state} — ${s.acumatica.message}`,
                `Warehouse: ${s.wms.state} — ${s.wms.message}`,
                `Last successful poll: ${s.lastSuccessfulPollAt ?? 'never'}${s.paused ? ' (paused)' : ''}`,
                ...s.slowSteps.map((step) => `Taking long: ${slowStepLine(step)}`),
                ...ORDER_STATES.map((st) => `  ${STATE_LABELS[st].padEnd(20)} ${s.counts[st]}`),
                ...s.warnings.map((w) => `Warning: ${w}`),
              ].join('\n'),
          );
        }),
      ),
    );

  program
    .command('orders')
    .description('List orders: reference, Acumatica key, state, last error, WMS reference, shipments written')
    .option('--state <state>', `one of ${ORDER_STATE_FILTERS.join(', ')} (failed: all three failed states)`)
    .option('--limit <n>', 'at most this many (default all)', Number)
    .action(
      run(globals, async (o: { state?: string; limit?: number }, opts) => {
        if (o.state && !isOrderStateFilter(o.state)) throw new AppError('invalid-input', `Unknown state "${o.state}": use one of ${ORDER_STATE_FILTERS.join(', ')}.`);
        await withCore(opts, async (core) => {
          const { rows, total } = core.runtime.store.orders.list({
            ...(o.state && isOrderStateFilter(o.state) ? { state: o.state } : {}),
            sort: 'ref',
            direction: 'asc',
            offset: 0,
            limit: o.limit ?? 1_000_000,
          });
          const orders = rows.map((r) => {
            const fulfillments = core.runtime.store.fulfillments.forOrder(r.ref);
            return {
              reference: r.ref,
              acumaticaKey: r.key,
              state: r.state,
              lastError: r.lastError,
              attention: r.attention,
              wmsReference: r.wmsRef,
              shipmentNbrs: fulfillments.flatMap((f) => (f.shipmentNbr ? [f.shipmentNbr] : [])),
            };
          });
          createOutput(Boolean(opts.json)).result({ total, orders }, () =>
            orders.length === 0
              ? 'No orders.'
              : orders
                  .map((x) => `${x.reference.padEnd(20)} ${x.state.padEnd(18)} ${x.wmsReference ?? '-'} ${x.shipmentNbrs.join(',') || '-'}${x.lastError ? `  ${x.lastError.serverMessage ?? x.lastError.message}` : ''}`)
                  .join('\n'),
          );
        });
      }),
    );

  program
    .command('retry')
    .description('Retry failed or waiting steps of these orders now (after fixing the cause), or every failed order')
    .argument('[refs...]', 'order references')
    .option('--all-failed', 'retry every failed order (send-failed, rejected-by-wms and writeback-failed)')
    .action(
      run(globals, async (o: { allFailed?: boolean }, opts, refs) => {
        if (!o.allFailed && refs.length === 0) throw new AppError('invalid-input', 'Name the orders to retry, or use --all-failed.');
        await withCore(opts, async (core) => {
          const { retried } = await call(core, 'orders.retry', o.allFailed ? { allFailed: true } : { refs });
          await core.runtime.engine.runCycle();
          const failed = core.runtime.store.orders.counts().failed ?? 0;
          createOutput(Boolean(opts.json)).result({ retried, failedNow: failed }, () => `Retried ${retried} order(s); ${failed} still failed.`);
        });
      }),
    );

  for (const [name, paused] of [
    ['pause', true],
    ['resume', false],
  ] as const) {
    program
      .command(name)
      .description(paused ? 'Pause syncing (a running `dropstream run` stops after its step)' : 'Resume syncing')
      .action(
        run(globals, async (_o, opts) =>
          withCore(opts, async (core) => {
            await call(core, paused ? 'sync.pause' : 'sync.resume', {});
            createOutput(Boolean(opts.json)).result({ paused }, () => (paused ? 'Paused.' : 'Resumed.'));
          }),
        ),
      );
  }

  const sku = program.command('sku').description('The SKU mapping (Acumatica InventoryID -> warehouse SKU)');
  sku
    .command('import')
    .argument('<file>', 'CSV with columns inventory_id,uom,sku,factor,components')
    .action(
      run(globals, async (_o, opts, [file]) =>
        withCore(opts, async (core) => {
          const res = await call(core, 'sku.importCsv', { csv: readFileSync(file!, 'utf8') });
          if (res.errors.length) throw new AppError('invalid-input', `Nothing imported:\n${res.errors.join('\n')}`);
          createOutput(Boolean(opts.json)).result(res, () => `Imported ${res.imported} mapping(s).`);
        }),
      ),
    );
  sku
    .command('export')
    .argument('<file>', 'where to write the CSV')
    .action(
      run(globals, async (_o, opts, [file]) =>
        withCore(opts, async (core) => {
          const res = await call(core, 'sku.exportCsv', {});
          writeFileSync(file!, res.csv);
          createOutput(Boolean(opts.json)).result({ file }, () => `Wrote ${file}.`);
        }),
      ),
    );
}
