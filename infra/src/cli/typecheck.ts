// `npm run typecheck`: the strict compiler over every workspace (one tsconfig, no emit), the same
// check `npm test` runs before any test.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../paths.ts';

const result = spawnSync(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], {
  cwd: repoRoot,
  stdio: 'inherit',
});
process.exitCode = result.status ?? 1;
