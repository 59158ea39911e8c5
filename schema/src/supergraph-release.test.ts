import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { CriticalityLevel, diff } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';
import { composeSupergraph } from './compose.ts';
import { apiSchemaOf, breakingChanges, describeChange, readReleasedSupergraph } from './supergraph-release.ts';

describe('the supergraph against the last released one', () => {
  it('has no breaking change (schema/released/supergraph.graphql → the services composed now)', async () => {
    const breaking = await breakingChanges(apiSchemaOf(readReleasedSupergraph()), apiSchemaOf(composeSupergraph().supergraphSdl));
    assert.deepEqual(
      breaking.map(describeChange),
      [],
      'Clients of the released graph would break. Keep the old shape (deprecate, add beside it) or, on purpose, `npm run schema:release -- --accept-breaking`.',
    );
  }, 60_000);

  it('compares the API clients see: no federation type or directive is left in it', () => {
    const api = apiSchemaOf(readReleasedSupergraph());
    const federation = [...Object.keys(api.getTypeMap()), ...api.getDirectives().map((d) => `@${d.name}`)].filter((name) => /join__|link__|^@link$/.test(name));
    assert.deepEqual(federation, []);
    assert.ok(api.getQueryType()?.getFields()['appeal'], 'the API schema keeps the graph’s own fields');
  });
});

describe('breakingChanges over two small schemas', () => {
  const released = buildSchema(`
    type Query { appeal(id: ID!): Appeal, appeals(first: Int): [Appeal!]! }
    type Appeal { id: ID!, number: String!, dueDate: String, state: AppealState! }
    enum AppealState { REGISTERED ANSWERED }
    input AnswerInput { text: String! }
    type Mutation { answer(appealId: ID!, input: AnswerInput!): Appeal }
  `);
  const paths = async (sdl: string) => (await breakingChanges(released, buildSchema(sdl))).map((change) => change.path);

  it('reports a removed field, by its path', async () => {
    assert.deepEqual(
      await paths(`
        type Query { appeal(id: ID!): Appeal, appeals(first: Int): [Appeal!]! }
        type Appeal { id: ID!, number: String!, state: AppealState! }
        enum AppealState { REGISTERED ANSWERED }
        input AnswerInput { text: String! }
        type Mutation { answer(appealId: ID!, input: AnswerInput!): Appeal }
      `),
      ['Appeal.dueDate'],
    );
  });

  it('reports a field whose type changed, and a field made nullable', async () => {
    assert.deepEqual(
      (
        await paths(`
        type Query { appeal(id: ID!): Appeal, appeals(first: Int): [Appeal!]! }
        type Appeal { id: ID!, number: Int!, dueDate: String, state: AppealState }
        enum AppealState { REGISTERED ANSWERED }
        input AnswerInput { text: String! }
        type Mutation { answer(appealId: ID!, input: AnswerInput!): Appeal }
      `)
      ).sort(),
      ['Appeal.number', 'Appeal.state'],
    );
  });

  it('reports a removed enum value, a new required argument and a new required input field', async () => {
    assert.deepEqual(
      (
        await paths(`
        type Query { appeal(id: ID!): Appeal, appeals(first: Int, organizationId: ID!): [Appeal!]! }
        type Appeal { id: ID!, number: String!, dueDate: String, state: AppealState! }
        enum AppealState { REGISTERED }
        input AnswerInput { text: String!, outcome: String! }
        type Mutation { answer(appealId: ID!, input: AnswerInput!): Appeal }
      `)
      ).sort(),
      ['AnswerInput.outcome', 'AppealState.ANSWERED', 'Query.appeals.organizationId'],
    );
  });

  it('lets additions, deprecations and a new enum value (dangerous, not breaking) pass', async () => {
    const current = buildSchema(`
      type Query { appeal(id: ID!): Appeal, appeals(first: Int, after: String): [Appeal!]!, organization(id: ID!): String }
      type Appeal { id: ID!, number: String! @deprecated(reason: "use registrationNumber"), registrationNumber: String!, dueDate: String, state: AppealState! }
      enum AppealState { REGISTERED ANSWERED WITHDRAWN }
      input AnswerInput { text: String!, outcome: String }
      type Mutation { answer(appealId: ID!, input: AnswerInput!): Appeal }
    `);
    assert.deepEqual(await breakingChanges(released, current), []);
    const levels = new Set((await diff(released, current)).map((change) => change.criticality.level));
    assert.ok(levels.has(CriticalityLevel.Dangerous) && levels.has(CriticalityLevel.NonBreaking), `the diff saw them: ${[...levels].join(', ')}`);
  });

  it('describes each change with its path and message, ready to print', async () => {
    const change = (await breakingChanges(released, buildSchema('type Query { appeal(id: ID!): String }'))).find((c) => c.path === 'Query.appeal');
    assert.ok(change);
    assert.match(describeChange(change), /^Query\.appeal: Field 'Query\.appeal' changed type from 'Appeal' to 'String'/);
  });
});
