import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileLogger } from '../../../main/core/log/file-logger.js';
import { Redactor } from '../../../main/core/log/redact.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir();

describe('file logger', () => {
  it('writes JSON lines with secrets and bearer tokens redacted', async () => {
    const dir = tempDir();
    const redactor = new Redactor();
    redactor.register('hunter2-shared-secret');
    const log = createFileLogger({ dir, level: 'debug', redactor });
    log.info('token call', { body: 'grant_type=password&password=pa55word&client_secret=hunter2-shared-secret' });
    log.warn('http', { headers: { Authorization: 'Bearer eyJhbGciOi.abc.def' }, note: 'sent Bearer eyJzzz.yyy.xxx' });
    log.error('oops hunter2-shared-secret leaked in a message', { refresh_token: 'rt-123456' });
    await log.close();
    const text = readFileSync(join(dir, 'dropstream.log'), 'utf8');
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    for (const secret of ['hunter2-shared-secret', 'pa55word', 'eyJhbGciOi', 'eyJzzz', 'rt-123456']) expect(text).not.toContain(secret);
    expect(lines[0]!.msg).toBe('token call');
    expect(text).toContain('[redacted]');
  });

  it('filters by level', async () => {
    const dir = tempDir();
    const log = createFileLogger({ dir, level: 'warn', redactor: new Redactor() });
    log.info('quiet');
    log.warn('loud');
    await log.close();
    expect(readFileSync(join(dir, 'dropstream.log'), 'utf8')).not.toContain('quiet');
  });

  it('rotates by size and keeps a bounded number of files', async () => {
    const dir = tempDir();
    const log = createFileLogger({ dir, level: 'info', redactor: new Redactor(), maxFileSize: '10K', maxFiles: 3 });
    for (let i = 0; i < 2000; i++) {
      log.info(`entry ${i} ${'x'.repeat(100)}`);
      if (i % 100 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    await log.close();
    const files = readdirSync(dir);
    const total = files.reduce((n, f) => n + statSync(join(dir, f)).size, 0);
    expect(files.length).toBeGreaterThan(1);
    // maxFiles rotated files + the live file + rotating-file-stream's small history file
    expect(files.length).toBeLessThanOrEqual(5);
    expect(total).toBeLessThan(60 * 1024);
  });
});
