import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { parse } from 'graphql';
import { createLogger } from '../logging.ts';
import { createSubgraphServer } from '../subgraph.ts';
import { inputStringProblem, literalProblems, maxInputStringLength, variableProblems } from './input-limits.ts';

describe('input limits', () => {
  it('accept ordinary text, refuse too long, NUL and unpaired surrogates', () => {
    assert.equal(inputStringProblem('Обращение о ремонте дороги 🚧'), null);
    assert.equal(inputStringProblem('я'.repeat(maxInputStringLength)), null);
    assert.match(inputStringProblem('я'.repeat(maxInputStringLength + 1)) ?? '', /at most 20000 characters/);
    assert.match(inputStringProblem('a\u0000b') ?? '', /NUL/);
    assert.match(inputStringProblem('a\ud800b') ?? '', /unpaired surrogate/);
    assert.match(inputStringProblem('\udc00') ?? '', /unpaired surrogate/);
  });

  it('allow tab, newline, carriage return and the letters of Kazakh and Russian, emoji and direction marks', () => {
    for (const text of [
      'Қазақстан Республикасы: әкімдік, өтініш, ұсыныс, үй, һ, і, ғ, ң',
      'Обращение № 5 — «ремонт» ёлки',
      'строка 1\nстрока 2\r\nстолбец\tзначение',
      'Almaty, Abai ave. 10 €100',
      'مرحبا \u200f(RLM) and \u200e(LRM)',
      'semaphore 🚦 and a non-BMP letter 𐰀',
    ]) {
      assert.equal(inputStringProblem(text), null, JSON.stringify(text));
    }
  });

  it('refuse bidirectional overrides and isolates, zero-width and control characters, naming the code point', () => {
    const refused: [string, RegExp][] = [
      ...['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'].map((c): [string, RegExp] => [c, /bidirectional-override/]),
      ...['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'].map((c): [string, RegExp] => [c, /zero-width/]),
      ...['\u0001', '\u0007', '\u0008', '\u000b', '\u000c', '\u000e', '\u001b', '\u001f', '\u007f', '\u0080', '\u0085', '\u009f'].map((c): [string, RegExp] => [
        c,
        /control character/,
      ]),
    ];
    for (const [char, what] of refused) {
      const problem = inputStringProblem(`Асанов${char}Асан`);
      const hex = (char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
      assert.match(problem ?? '', what, `U+${hex}`);
      assert.match(problem ?? '', new RegExp(`U\\+${hex}, character 7\\)`), `U+${hex}`);
    }
    // The classic: an invoice "‮fdp.exe" that shows as "exe.pdf".
    assert.match(inputStringProblem('invoice\u202efdp.exe') ?? '', /bidirectional-override character \(U\+202E/);
    // Counted in characters, not UTF-16 units: the emoji before it is one.
    assert.match(inputStringProblem('🚧\u200b') ?? '', /character 2\)/);
  });

  it('name the path of each bad variable and the argument of each bad literal', () => {
    assert.deepEqual(
      variableProblems({ input: { summary: 'ok', text: 'x'.repeat(20_001), applicant: { names: ['ok', 'a\u0000'] } } }, '').map((p) => p.field),
      ['input.text', 'input.applicant.names.1'],
    );
    assert.deepEqual(
      literalProblems(parse(`{ search(query: "${'x'.repeat(20_001)}", other: "fine") }`)).map((p) => p.field),
      ['query'],
    );
    assert.deepEqual(
      literalProblems(parse('{ search(query: "fine", other: "a\\u202Eb") }')).map((p) => p.field),
      ['other'],
    );
  });

  it('make a subgraph refuse such input with BAD_USER_INPUT before any resolver runs', async () => {
    let calls = 0;
    const server = createSubgraphServer({
      typeDefs: parse('type Query { echo(text: String!): String }'),
      resolvers: { Query: { echo: (_: unknown, args: { text: string }) => (calls++, args.text) } },
      logger: createLogger({ service: 'input-limits-test', level: 'silent' }),
      production: true,
    });
    await server.start();
    try {
      const run = (text: string) => server.executeOperation({ query: 'query($text: String!) { echo(text: $text) }', variables: { text } });
      const fine = await run('Текст');
      assert.equal(fine.body.kind === 'single' && fine.body.singleResult.data?.['echo'], 'Текст');
      for (const text of ['x'.repeat(200_000), 'до\u0000после', 'a\ud800', 'счёт\u202eпоказан', 'Асан\u200bов', 'звонок\u0007']) {
        const refused = await run(text);
        assert.equal(refused.http.status, 400);
        assert.ok(refused.body.kind === 'single');
        const error = refused.body.singleResult.errors?.[0];
        assert.equal(error?.extensions?.['code'], 'BAD_USER_INPUT');
        assert.deepEqual(
          (error?.extensions?.['fields'] as { field: string }[]).map((f) => f.field),
          ['text'],
        );
        assert.equal(error?.extensions?.['stacktrace'], undefined);
      }
      const literal = await server.executeOperation({ query: `{ echo(text: "${'x'.repeat(30_000)}") }` });
      assert.equal(literal.http.status, 400);
      assert.equal(calls, 1, 'only the fine request reached the resolver');
    } finally {
      await server.stop();
    }
  });
});
