// eslint over every workspace: typescript-eslint's strict type-checked rules on the root program
// (tsconfig.json), plus the architecture's import rules (ARCHITECTURE.md, STYLE.md "The shape of a service").
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import { noImportCycles } from './infra/src/eslint/no-import-cycles.ts';

const services = readdirSync(new URL('./services', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

export default defineConfig(
  { ignores: ['**/generated/**', '**/node_modules/**', '.cache/**', '.data/**', 'coverage/**'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.strictTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { bakylau: { rules: { 'no-import-cycles': noImportCycles } } },
    rules: {
      'bakylau/no-import-cycles': 'error',
      // Counts and durations go into messages as they are; `${n}` is the intended rendering.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // One-line callbacks such as `() => resolve()` and `(message) => log(message)` are the house style.
      // ...and so is `return send(res, ...)` in a handler that returns void: answer and stop.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true }],
      // `const { dropped: _dropped, ...rest } = x` is how a key is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Async functions without await implement Promise-returning contracts (readiness, eachMessage, plugin hooks).
      '@typescript-eslint/require-await': 'off',
      // A `let` that teardown reads before setup assigns it cannot be a const.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // With noUncheckedIndexedAccess every index is optional; `!` marks an index the code has just checked.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Teardown hooks guard `let x: T` that beforeAll may not have assigned; the type cannot say so.
    files: ['**/*.test.ts', '**/test/**/*.ts', '**/testkit/**/*.ts'],
    rules: { '@typescript-eslint/no-unnecessary-condition': 'off' },
  },
  {
    // Pure rules and state machines: no storage, no use cases, no resolvers, no GraphQL or ORM.
    files: ['**/domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)(db|use-cases|resolvers)(/|$)', message: 'domain/ holds pure rules: it imports no db/, use-cases/ or resolvers/ module.' },
            { regex: '^(graphql|@apollo/[^/]+|@mikro-orm/[^/]+)(/|$)', message: 'domain/ is free of GraphQL and MikroORM.' },
          ],
        },
      ],
    },
  },
  {
    // Not yet fixed: ok() in appeals-helpers.ts answers Record<string, any>, and its ~150 callers read
    // the data untyped (~720 findings). Typing it as the generated Query & Mutation leaves ~90 type
    // errors in these files to resolve one by one; until then the any-rules are off here only.
    files: ['services/appeals/test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/restrict-plus-operands': 'off',
    },
  },
  // A service talks to another only through the gateway and events, never by importing it.
  ...services.map((service) => {
    const others = services.filter((other) => other !== service).join('|');
    return {
      files: [`services/${service}/**/*.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                regex: `^(@bakylau/|(\\.\\./)+)(${others})(/|$)`,
                message: `services/${service} does not import another service; share through platform/, the gateway or events.`,
              },
            ],
          },
        ],
      },
    };
  }),
  {
    files: ['**/*.js'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
  },
);
