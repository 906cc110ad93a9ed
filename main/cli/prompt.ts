// Asks for a secret on the terminal without echoing it. Only when a person is there (a TTY).
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

export async function promptSecret(question: string, input: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin): Promise<string | null> {
  if (!input.isTTY) return null;
  process.stderr.write(question);
  const muted = new Writable({ write: (_chunk, _enc, done) => done() });
  const rl = createInterface({ input, output: muted, terminal: true });
  try {
    return await new Promise<string>((resolve) => rl.question('', (answer) => resolve(answer)));
  } finally {
    rl.close();
    process.stderr.write('\n');
  }
}
