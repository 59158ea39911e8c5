import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Local state of the running system (databases, broker logs, dev keys); never committed. */
export const dataDir = join(repoRoot, '.data');
