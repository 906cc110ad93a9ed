// Orders in and shipments out per hour, last 24 hours: a small bar chart in plain SVG with a text alternative.
import type { StatusView } from '../../../main/ipc/views.js';
import { formatTime } from '../format.js';

const W = 480;
const H = 120;

export function ThroughputChart({ data }: { data: StatusView['throughput'] }) {
  if (data.length === 0) return <p className="empty">No orders in the last 24 hours yet.</p>;
  const max = Math.max(1, ...data.flatMap((d) => [d.ordersIn, d.shipmentsOut]));
  const slot = W / data.length;
  const bar = Math.max(1, slot / 2 - 1);
  const totalIn = data.reduce((s, d) => s + d.ordersIn, 0);
  const totalOut = data.reduce((s, d) => s + d.shipmentsOut, 0);
  return (
    <figure className="chart" data-testid="throughput-chart">
      <svg viewBox={`0 0 ${W} ${H + 16}`} role="img" aria-label={`Last 24 hours: ${totalIn} orders in, ${totalOut} shipments out`}>
        {data.map((d, i) => {
          const hIn = (d.ordersIn / max) * H;
          const hOut = (d.shipmentsOut / max) * H;
          return (
            <g key={d.hour}>
              <title>{`${formatTime(d.hour)}: ${d.ordersIn} in, ${d.shipmentsOut} out`}</title>
              <rect className="bar-in" x={i * slot} y={H - hIn} width={bar} height={hIn} />
              <rect className="bar-out" x={i * slot + bar + 1} y={H - hOut} width={bar} height={hOut} />
              {i % 6 === 0 ? (
                <text x={i * slot} y={H + 13} className="axis">
                  {formatTime(d.hour)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <span className="legend-in">■</span> Orders in ({totalIn}) <span className="legend-out">■</span> Shipments out ({totalOut})
      </figcaption>
    </figure>
  );
}
