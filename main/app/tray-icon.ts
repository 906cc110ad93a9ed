// The tray icon, drawn in code (a filled circle in the status colour) so no image files have to be packaged and
// found at run time. Returns PNG bytes that nativeImage.createFromBuffer reads.
import { deflateSync } from 'node:zlib';
import type { TrayState } from './tray.js';

const COLOURS: Record<TrayState, [number, number, number]> = {
  running: [0x2e, 0x9e, 0x4f], // green
  paused: [0x8a, 0x8f, 0x98], // grey
  attention: [0xd9, 0x7b, 0x06], // amber
};

export function trayIconPng(state: TrayState, size = 32): Buffer {
  const [r, g, b] = COLOURS[state];
  const rows: Buffer[] = [];
  const centre = (size - 1) / 2;
  const radius = size / 2 - 1;
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0, then RGBA
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - centre, y - centre);
      // One pixel of soft edge so the circle is not jagged.
      const alpha = Math.round(255 * Math.min(1, Math.max(0, radius - d + 0.5)));
      row.set([r, g, b, alpha], 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
