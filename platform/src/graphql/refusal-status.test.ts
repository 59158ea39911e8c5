import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { parse } from 'graphql';
import { badUserInput, forbidden } from '../errors.ts';
import { createLogger } from '../logging.ts';
import { createSubgraphServer } from '../subgraph.ts';
import { refusalStatus } from './refusal-status.ts';

const refused = { extensions: { code: 'BAD_USER_INPUT' } };

describe('refusal status', () => {
  it('is 400 for a result of BAD_USER_INPUT errors only and no data', () => {
    assert.equal(refusalStatus({ errors: [refused] }), 400);
    assert.equal(refusalStatus({ data: null, errors: [refused, refused] }), 400);
    assert.equal(refusalStatus({ data: { registerAppeal: null }, errors: [refused] }), 400);
  });

  it('does not apply to answers with data, other codes or no errors', () => {
    assert.equal(refusalStatus({ data: { a: null, b: 1 }, errors: [refused] }), null, 'a partial result is an answer');
    assert.equal(refusalStatus({ errors: [refused, { extensions: { code: 'SERVICE_UNAVAILABLE' } }] }), null);
    assert.equal(refusalStatus({ errors: [{ extensions: { code: 'FORBIDDEN' } }] }), null);
    assert.equal(refusalStatus({ errors: [{}] }), null);
    assert.equal(refusalStatus({ data: { a: 1 } }), null);
    assert.equal(refusalStatus({ errors: [] }), null);
  });

  it('makes a subgraph answer a use case that refuses the input with HTTP 400, like the input limits do', async () => {
    const server = createSubgraphServer({
      typeDefs: parse('type Query { register(phone: String!): String other: String } type Mutation { deny: String }'),
      resolvers: {
        Query: {
          register: () => {
            throw badUserInput('The appeal cannot be registered: check the fields', [{ field: 'applicant.phone', message: 'is not a phone' }]);
          },
          other: () => 'fine',
        },
        Mutation: {
          deny: () => {
            throw forbidden();
          },
        },
      },
      logger: createLogger({ service: 'refusal-status-test', level: 'silent' }),
      production: true,
    });
    await server.start();
    try {
      const resolverRefusal = await server.executeOperation({ query: '{ register(phone: "x") }' });
      assert.equal(resolverRefusal.http.status, 400);
      assert.ok(resolverRefusal.body.kind === 'single');
      assert.equal(resolverRefusal.body.singleResult.errors?.[0]?.extensions?.['code'], 'BAD_USER_INPUT');
      const limitsRefusal = await server.executeOperation({ query: '{ register(phone: "a\\u202eb") }' });
      assert.equal(limitsRefusal.http.status, 400, 'the same status as the input limits give');

      const partial = await server.executeOperation({ query: '{ register(phone: "x") other }' });
      assert.equal(partial.http.status, undefined, 'a result with data keeps the default 200');
      const denied = await server.executeOperation({ query: 'mutation { deny }' });
      assert.equal(denied.http.status, undefined, 'FORBIDDEN is not a refusal of the input');
    } finally {
      await server.stop();
    }
  });
});
