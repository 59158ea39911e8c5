import { describe, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import assert from '@bakylau/platform/testkit/assert';

// Kazakhstan's offset from UTC is written once, in civil-time.ts. These are the shapes a second copy
// takes: offset arithmetic in milliseconds or minutes, the ISO offset, SQL intervals and zone names.
const copyPatterns: readonly RegExp[] = [
  /(?<![\d.])5 \* 60(?![\d_])/,
  /(?<![\d.])5 \* 3_?600_?000/,
  /(?<![\d_])18_?000_?000(?![\d_])/,
  /interval '5 hours?'/,
  /interval '300 minutes?'/,
  /\+05:00/,
  /UTC\+0?5\b/,
  /Asia\/(Almaty|Qyzylorda|Aqtobe|Aqtau|Atyrau|Oral|Qostanay)/,
];

const root = join(import.meta.dirname, '..', '..');
const home = join(root, 'platform', 'src', 'civil-time.ts');
const skippedDirs = new Set(['node_modules', 'generated', 'dist', '.cache']);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skippedDirs.has(entry.name)) out.push(...sourceFiles(path));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && path !== home) {
      out.push(path);
    }
  }
  return out;
}

/** The lines of a text that restate Kazakhstan's offset, as 'line: text'. */
function copiesIn(text: string): string[] {
  return text
    .split('\n')
    .map((line, i) => ({ line, n: i + 1 }))
    .filter(({ line }) => copyPatterns.some((p) => p.test(line)))
    .map(({ line, n }) => `${n}: ${line.trim()}`);
}

describe('Kazakhstan civil time has one home', () => {
  it('recognizes the usual shapes of a copy of the offset, and not a quarter of an hour', () => {
    const copies = [
      'const KZ_OFFSET_MS = 5 * 60 * 60 * 1000;',
      'new Date(at.getTime() + 5 * 3_600_000)',
      "((closed_at at time zone 'UTC') + interval '5 hours')::date",
      'new Date(`${day}T00:00:00+05:00`)',
      "to_char(x at time zone 'Asia/Almaty', 'YYYY-MM-DD')",
      '/** Kazakhstan time (UTC+5). */',
      'const offset = 18_000_000;',
    ];
    for (const line of copies) assert.equal(copiesIn(line).length, 1, line);
    assert.deepEqual(copiesIn('intervalMs: 15 * 60_000,\nminute: 14 * 60,\ntimeout: 5 * 60_000'), []);
  });

  it('finds no copy of the offset in services, gateway or platform outside civil-time.ts', () => {
    const found: string[] = [];
    for (const dir of ['services', 'gateway', 'platform']) {
      for (const file of sourceFiles(join(root, dir))) {
        for (const copy of copiesIn(readFileSync(file, 'utf8'))) found.push(`${relative(root, file)}:${copy}`);
      }
    }
    assert.deepEqual(found, [], `Kazakhstan civil time restated outside platform/src/civil-time.ts:\n${found.join('\n')}`);
  });
});
