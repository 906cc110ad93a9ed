// Structured logs (one JSON object per line) in <dataDir>/logs, rotated by size with a bounded number of files
// kept, so an unattended PC never fills its disk. Every entry passes through the redactor.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createStream, type RotatingFileStream } from 'rotating-file-stream';
import type { Clock } from '../clock.js';
import { systemClock } from '../clock.js';
import type { LogLevel, Logger } from './logger.js';
import type { Redactor } from './redact.js';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface FileLoggerOptions {
  dir: string;
  level: LogLevel;
  redactor: Redactor;
  clock?: Clock;
  /** Rotate at this size; keep this many rotated files. */
  maxFileSize?: string;
  maxFiles?: number;
  /** Also write human-readable lines to this stream (the CLI's stderr with --verbose). */
  echo?: NodeJS.WritableStream;
}

export interface FileLogger extends Logger {
  setLevel(level: LogLevel): void;
  close(): Promise<void>;
  readonly file: string;
}

export function createFileLogger(options: FileLoggerOptions): FileLogger {
  mkdirSync(options.dir, { recursive: true });
  const stream: RotatingFileStream = createStream('dropstream.log', {
    path: options.dir,
    size: options.maxFileSize ?? '10M',
    maxFiles: options.maxFiles ?? 5,
  });
  const clock = options.clock ?? systemClock;
  let level = options.level;

  function write(at: LogLevel, base: Record<string, unknown>, message: string, fields?: Record<string, unknown>): void {
    if (ORDER[at] < ORDER[level]) return;
    const entry = options.redactor.value({
      time: new Date(clock.now()).toISOString(),
      level: at,
      msg: message,
      ...base,
      ...fields,
    }) as Record<string, unknown>;
    const line = JSON.stringify(entry);
    stream.write(line + '\n');
    options.echo?.write(`${String(entry.time)} ${at.toUpperCase()} ${String(entry.msg)}\n`);
  }

  function make(base: Record<string, unknown>): Logger {
    return {
      debug: (m, f) => write('debug', base, m, f),
      info: (m, f) => write('info', base, m, f),
      warn: (m, f) => write('warn', base, m, f),
      error: (m, f) => write('error', base, m, f),
      child: (fields) => make({ ...base, ...fields }),
    };
  }

  return {
    ...make({}),
    file: join(options.dir, 'dropstream.log'),
    setLevel(next) {
      level = next;
    },
    close: () => new Promise<void>((resolve) => stream.end(() => resolve())),
  };
}
