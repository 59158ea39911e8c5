import { mkdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

/**
 * Development only: an SMTP server on 127.0.0.1 that accepts every message and writes it as
 * `<time>-<n>.eml` under `dir`, so the applicants' notices of `npm start` can be opened in a mail
 * client instead of reaching real people.
 */
export async function startDevMailSink(dir: string): Promise<{ url: string; stop(): Promise<void> }> {
  await mkdir(dir, { recursive: true });
  let n = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        n += 1;
        writeFile(join(dir, `${new Date().toISOString().replaceAll(':', '-')}-${n}.eml`), Buffer.concat(chunks)).then(() => callback(), callback);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
