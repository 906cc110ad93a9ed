// `dropstream sync --once`, `dropstream run`, `dropstream test-connection`.
import type { Command } from 'commander';
import { allPassed, type CheckResult } from '../../core/checks.js';
import { AppError } from '../../core/errors.js';
import type { RunningCore } from '../../core/create-core.js';
import type { CycleReport } from '../../core/sync/engine.js';
import { createOutput, errorLine, exitCodeFor, type Output } from '../output.js';
import { openCore, type GlobalOptions } from '../session.js';
import { run } from './run-action.js';

function progressPrinter(core: RunningCore, out: Output): () => void {
  let last = 0;
  return core.subscribe((event, payload) => {
    if (event !== 'progress') return;
    const p = payload as { phase: string; done: number };
    if (p.done - last >= 500 || p.done < last) {
      last = p.done;
      out.info(`… ${p.phase}: ${p.done} so far`);
    }
  });
}

function summary(r: CycleReport): string {
  const lines = [
    // Fix (found by the CLI e2e outage test): a failed import or a waiting warehouse side printed "not configured".
    r.import
      ? `Imported ${r.import.imported} new, ${r.import.updated} updated, ${r.import.held} held${r.import.full ? ' (full reconcile)' : ''}`
      : r.errors.some((e) => e.side === 'acumatica') ? 'Import: did not run (see below)' : 'Import: not configured',
    r.sent ? `Sent to the warehouse: ${r.sent.done}, failed: ${r.sent.failed}` : r.collected || r.errors.some((e) => e.side === 'wms') ? 'Sent to the warehouse: nothing this time (waiting, see below)' : 'Warehouse: not configured',
    r.collected ? `Shipments from the warehouse: ${r.collected.fulfillments}, duplicates ignored: ${r.collected.duplicates}, files rejected: ${r.collected.rejectedFiles}` : '',
    r.writtenBack ? `Written back to Acumatica: ${r.writtenBack.done}, failed: ${r.writtenBack.failed}` : '',
    ...r.errors.map((e) => `${e.side === 'acumatica' ? 'Acumatica' : 'Warehouse'}: ${errorLine(e.error)}`),
    r.timeUp
      ? `Stopped at the cycle's time limit (${r.timeUp.afterSeconds} s): ${r.timeUp.stepsLeft} step(s) left queued for the next run (Settings: app.cycleDeadlineSeconds).`
      : '',
  ];
  return lines.filter(Boolean).join('\n');
}

function checksText(side: string, results: CheckResult[]): string {
  return [
    `${side}:`,
    ...results.map((r) => `  ${r.ok ? (r.warning ? 'warn' : 'ok  ') : r.skipped ? 'skip' : 'FAIL'} ${r.label}: ${r.message}${r.warning ? ` Note: ${r.warning}` : ''}`),
  ].join('\n');
}

export function registerSync(program: Command, globals: () => GlobalOptions): void {
  program
    .command('sync')
    .description('Run one full cycle (import, send, collect shipments, write back, due retries) and exit')
    .option('--once', 'one cycle, then exit (the default)')
    .action(
      run(globals, async (_o, opts) => {
        const out = createOutput(Boolean(opts.json));
        const core = await openCore(opts);
        const unsubscribe = progressPrinter(core, out);
        try {
          const s = core.runtime.settingsNow();
          if (!s.acumatica && !s.wms) throw new AppError('config', 'Nothing is configured yet: run dropstream configure acumatica … and dropstream configure wms … first.');
          const report = await core.runtime.engine.runCycle();
          const counts = core.runtime.store.orders.counts();
          out.result({ ok: report.errors.length === 0, report, counts }, () => summary(report));
          const worst = report.errors[0];
          if (worst) process.exitCode = exitCodeFor(worst.error);
        } finally {
          unsubscribe();
          await core.stop();
        }
      }),
    );

  program
    .command('run')
    .description('Keep syncing on the poll interval until stopped (Ctrl+C / SIGTERM finish the running step first)')
    .action(
      run(globals, async (_o, opts) => {
        const out = createOutput(Boolean(opts.json));
        const core = await openCore(opts);
        progressPrinter(core, out);
        core.subscribe((event) => {
          if (event === 'connection.changed') void reportConnection(core, out);
        });
        const interval = core.runtime.settingsNow().app.pollIntervalSeconds;
        out.info(`Syncing every ${interval} s. Data: ${core.dataDir}. Press Ctrl+C to stop.`);
        core.start();
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        out.info('Stopping: letting the running step finish…');
        await core.stop();
        out.info('Stopped.');
      }),
    );

  program
    .command('test-connection')
    .description('Check Acumatica (URL, TLS, sign-in, endpoint, read rights) and the warehouse; exit 0 only if all pass')
    .action(
      run(globals, async (_o, opts) => {
        const out = createOutput(Boolean(opts.json));
        const core = await openCore(opts);
        try {
          const acu = await core.handlers['connection.testAcumatica']({});
          const wms = await core.handlers['connection.testWms']({});
          const acumatica = acu.ok ? acu.value : [{ id: 'config', label: 'Acumatica settings', ok: false, message: acu.error.message }];
          const warehouse = wms.ok ? wms.value : [{ id: 'config', label: 'Warehouse settings', ok: false, message: wms.error.message }];
          const ok = allPassed(acumatica) && allPassed(warehouse);
          out.result({ ok, acumatica, wms: warehouse }, () => `${checksText('Acumatica', acumatica)}\n${checksText('Warehouse', warehouse)}\n${ok ? 'All checks passed.' : 'Some checks failed: see above.'}`);
          if (!ok) process.exitCode = 1;
        } finally {
          await core.stop();
        }
      }),
    );
}

async function reportConnection(core: RunningCore, out: Output): Promise<void> {
  const status = await core.handlers['status.get']({});
  if (!status.ok) return;
  const a = status.value.acumatica;
  const w = status.value.wms;
  out.info(`Acumatica: ${a.state}${a.state !== 'connected' ? ` — ${a.message}` : ''}; Warehouse: ${w.state}${w.state !== 'connected' ? ` — ${w.message}` : ''}`);
}
