// The Acumatica double in a process of its own, driven over Node's IPC channel, so a benchmark measures the app and
// not the double sharing its thread (a real Acumatica is another machine). Messages: {cmd:'seed', n, opts},
// {cmd:'requests', from} (method and path of each logged request from that index), {cmd:'shipments'}, {cmd:'close'}.
import { startAcumaticaDouble } from '../test/fakes/acumatica/server.js';

type Message =
  | { id: number; cmd: 'seed'; n: number; opts: Parameters<Awaited<ReturnType<typeof startAcumaticaDouble>>['seedSalesOrders']>[1] }
  | { id: number; cmd: 'requests'; from: number }
  | { id: number; cmd: 'shipments' }
  | { id: number; cmd: 'close' };

const double = await startAcumaticaDouble();
const reply = (id: number, value: unknown): void => void process.send?.({ id, value });

process.on('message', (raw) => {
  const m = raw as Message;
  switch (m.cmd) {
    case 'seed':
      double.seedSalesOrders(m.n, m.opts);
      return reply(m.id, true);
    case 'requests':
      return reply(m.id, double.requests.slice(m.from).map((r) => ({ method: r.method, path: r.path })));
    case 'shipments': {
      const shipments = double.shipments();
      return reply(m.id, { shipments: shipments.length, packages: shipments.reduce((n, s) => n + s.Packages.length, 0) });
    }
    case 'close':
      void double.close().then(() => {
        reply(m.id, true);
        process.exit(0);
      });
  }
});

process.send?.({ ready: true, url: double.url, credentials: double.credentials });
