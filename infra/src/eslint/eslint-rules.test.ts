import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { repoRoot } from '../paths.ts';
import { noImportCycles } from './no-import-cycles.ts';

type Found = Record<string, string[]>;

async function lint(cwd: string, config: Linter.Config[] | undefined, files: string[]): Promise<Found> {
  const eslint = new ESLint({ cwd, ...(config ? { overrideConfigFile: true, overrideConfig: config } : {}) });
  const found: Found = {};
  for (const result of await eslint.lintFiles(files)) {
    found[result.filePath.slice(cwd.length + 1)] = result.messages.map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`);
  }
  return found;
}

describe('no-import-cycles', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'no-import-cycles-'));
    const files: Record<string, string> = {
      'tsconfig.json': JSON.stringify({
        compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', allowImportingTsExtensions: true, noEmit: true, strict: true },
        include: ['*.ts'],
      }),
      // a → b → a, closed by a type-only import (eslint-plugin-import-x's no-cycle would not see it).
      'a.ts': "import { b } from './b.ts';\nexport type A = { name: string };\nexport const a = (): string => b();\n",
      'b.ts': "import type { A } from './a.ts';\nexport const b = (): string => ({ name: 'b' }) satisfies A ? 'b' : '';\n",
      // c → d and nothing back: no cycle.
      'c.ts': "import { d } from './d.ts';\nexport const c = d + 1;\n",
      'd.ts': 'export const d = 1;\n',
      // A dynamic import closes a cycle too.
      'e.ts': "export const e = async (): Promise<number> => (await import('./f.ts')).f;\n",
      'f.ts': "import { e } from './e.ts';\nexport const f = typeof e === 'function' ? 1 : 0;\n",
    };
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports each import of a cycle with the files around it, type-only and dynamic imports included', async () => {
    const config: Linter.Config[] = [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser, parserOptions: { project: './tsconfig.json', tsconfigRootDir: dir } },
        plugins: { bakylau: { rules: { 'no-import-cycles': noImportCycles } } } as unknown as Linter.Config['plugins'],
        rules: { 'bakylau/no-import-cycles': 'error' },
      },
    ];
    const found = await lint(dir, config, ['*.ts']);
    assert.deepEqual(found, {
      'a.ts': ['bakylau/no-import-cycles: Import cycle: a.ts → b.ts → a.ts.'],
      'b.ts': ['bakylau/no-import-cycles: Import cycle: b.ts → a.ts → b.ts.'],
      'c.ts': [],
      'd.ts': [],
      'e.ts': ['bakylau/no-import-cycles: Import cycle: e.ts → f.ts → e.ts.'],
      'f.ts': ['bakylau/no-import-cycles: Import cycle: f.ts → e.ts → f.ts.'],
    });
  }, 60_000);
});

describe('the architecture rules of eslint.config.js', () => {
  // The probes are not on disk, so not in the TypeScript program: they are linted without types,
  // under every other setting of the repository's config.
  const eslint = new ESLint({
    cwd: repoRoot,
    overrideConfig: [
      { files: ['**/probe.ts'], ...tseslint.configs.disableTypeChecked },
      { files: ['**/probe.ts'], rules: { 'bakylau/no-import-cycles': 'off' } },
    ],
  });
  const messagesFor = async (filePath: string, code: string): Promise<string[]> => {
    const [result] = await eslint.lintText(code, { filePath: join(repoRoot, filePath) });
    return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`);
  };

  it('keep domain/ free of db/, use-cases/, resolvers/, GraphQL and MikroORM', async () => {
    const file = 'services/appeals/src/domain/probe.ts';
    for (const source of ['../db/entities.ts', '../use-cases/register-appeal.ts', '../resolvers/appeal.ts', 'graphql', '@mikro-orm/core', '@apollo/server']) {
      const messages = await messagesFor(file, `import type * as probe from '${source}';\nexport type Probe = typeof probe;\n`);
      assert.ok(
        messages.some((m) => m.startsWith('@typescript-eslint/no-restricted-imports: ')),
        `${source} is refused in domain/: ${messages.join('; ')}`,
      );
    }
    assert.deepEqual(await messagesFor(file, "import { isOpen } from './appeal-lifecycle.ts';\nexport const probe = isOpen;\n"), []);
  }, 120_000);

  it('keep each service from importing another', async () => {
    const file = 'services/appeals/src/use-cases/probe.ts';
    for (const source of ['@bakylau/reception', '../../../instructions/src/context.ts']) {
      const messages = await messagesFor(file, `import type * as probe from '${source}';\nexport type Probe = typeof probe;\n`);
      assert.ok(
        messages.some((m) => m.startsWith('no-restricted-imports: ')),
        `${source} is refused in services/appeals: ${messages.join('; ')}`,
      );
    }
    assert.deepEqual(await messagesFor(file, "import { badUserInput } from '@bakylau/platform/errors';\nexport const probe = badUserInput;\n"), []);
  }, 120_000);
});
