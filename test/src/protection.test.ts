// What the gateway refuses before any work is done (operation limits, oversized and malformed
// bodies, forged tokens), and personal data hidden from roles that may not see it.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { devAudience, devIssuer, loadOrCreateDevKeyPair, mintToken } from '@bakylau/platform/auth/dev-keys';
import { tokenFor } from '@bakylau/platform/testkit/service-harness';
import { gatewayUrl, gql, ok, type Caller, type GraphQLErrorBody } from './gateway-client.ts';
import { randomIin, randomPhone, seededCategoryId, uniqueTag } from './fixtures.ts';

const registrar: Caller = { role: 'registrar', subject: `e2e-protection-${uniqueTag()}` };

type RawResponse = { status: number; text: string };

/** POSTs raw bytes to the gateway with node:http, which (unlike fetch) copes with a server that answers before the upload ends. */
function postRaw(body: Buffer | string, headers: Record<string, string> = {}): Promise<RawResponse> {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(
      gatewayUrl(),
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(bytes.length), ...headers } },
      (res) => {
        answered = true;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      },
    );
    // The server may close the connection once it has answered 413; that is not a failure.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    req.end(bytes);
  });
}

function parseErrors(text: string): GraphQLErrorBody[] {
  const body = JSON.parse(text) as { errors?: GraphQLErrorBody[] };
  return body.errors ?? [];
}

/** `appeal { repeatedOf { repeatedOf { … id } } }`, with `levels` nested repeatedOf selections: depth levels + 2. */
function nestedAppealQuery(levels: number): string {
  return `query { appeal(id: "${randomUUID()}") { ${'repeatedOf { '.repeat(levels)}id${' }'.repeat(levels)} } }`;
}

describe('gateway protection', () => {
  it('refuses a query deeper than the limit (12) with GRAPHQL_VALIDATION_FAILED, and serves one at the limit', async () => {
    const atLimit = await gql(nestedAppealQuery(10), {}, registrar);
    assert.equal(atLimit.status, 200, JSON.stringify(atLimit.errors));
    assert.equal(atLimit.errors, undefined, 'a query of depth 12 is served');

    const deep = await gql(nestedAppealQuery(11), {}, registrar);
    assert.equal(deep.status, 400);
    assert.equal(deep.data, undefined, 'nothing is executed');
    assert.equal(deep.errors?.[0]?.extensions?.code, 'GRAPHQL_VALIDATION_FAILED');
    assert.match(deep.errors?.[0]?.message ?? '', /depth limit of 12 exceeded, found 13/i);
  });

  it('refuses an alias flood (more than 15 aliases)', async () => {
    const aliases = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: appeal(id: "${randomUUID()}") { id }`).join(' ');
    const atLimit = await gql(`query { ${aliases(15)} }`, {}, registrar);
    assert.equal(atLimit.status, 200, JSON.stringify(atLimit.errors));
    assert.equal(atLimit.errors, undefined, '15 aliases are fine');

    const flood = await gql(`query { ${aliases(16)} }`, {}, registrar);
    assert.equal(flood.status, 400);
    assert.equal(flood.data, undefined);
    assert.equal(flood.errors?.[0]?.extensions?.code, 'GRAPHQL_VALIDATION_FAILED');
    assert.match(flood.errors?.[0]?.message ?? '', /aliases/i);
  });

  it('refuses a body over 1 MB with 413', async () => {
    const padding = 'x'.repeat(1024 * 1024 + 1);
    const response = await postRaw(JSON.stringify({ query: '{ __typename }', variables: { padding } }), {
      authorization: `Bearer ${await tokenFor(registrar)}`,
    });
    assert.equal(response.status, 413);
    const errors = parseErrors(response.text);
    assert.equal(errors[0]?.extensions?.code, 'BAD_REQUEST');
    assert.match(errors[0]?.message ?? '', /larger than/i);
  });

  it('refuses invalid JSON with 400 and a code, without a stack trace', async () => {
    const response = await postRaw('{"query": "{ __typename }"', { authorization: `Bearer ${await tokenFor(registrar)}` });
    assert.equal(response.status, 400);
    const errors = parseErrors(response.text);
    assert.equal(errors.length, 1);
    assert.equal(errors[0]?.extensions?.code, 'BAD_REQUEST');
    assert.equal(errors[0]?.extensions?.stacktrace, undefined, 'no stack trace in the extensions');
    assert.doesNotMatch(response.text, /stacktrace|\bat JSON\.parse|SyntaxError|node:internal|\.ts:\d+/i, 'nothing of the server internals leaks');
  });

  it('refuses forged, tampered and expired tokens with UNAUTHENTICATED (HTTP 401)', async () => {
    const foreignKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const forged = await mintToken({
      privateKeyPem: foreignKey,
      issuer: devIssuer,
      audience: devAudience,
      subject: 'intruder',
      role: 'admin',
      organizationId: null,
      expiresIn: '1h',
    });

    // A genuine citizen token whose payload is rewritten to claim the admin role, signature kept.
    const genuine = await tokenFor({ role: 'citizen', subject: 'e2e-citizen-tamper' });
    const [header, payload, signature] = genuine.split('.');
    assert.ok(header && payload && signature);
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url')}.${signature}`;

    const expired = await mintToken({
      privateKeyPem: loadOrCreateDevKeyPair().privateKeyPem,
      issuer: devIssuer,
      audience: devAudience,
      subject: 'late',
      role: 'registrar',
      organizationId: null,
      expiresIn: -120,
    });

    for (const [label, token] of [
      ['forged (foreign key)', forged],
      ['tampered payload', tampered],
      ['expired', expired],
    ] as const) {
      const response = await fetch(gatewayUrl(), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: 'query { organizations(first: 1) { edges { node { id } } } }' }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: GraphQLErrorBody[] };
      assert.equal(response.status, 401, `${label}: HTTP status`);
      assert.equal(body.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED', `${label}: error code`);
      assert.equal(body.data, undefined, `${label}: no data`);
    }

    // The same request with a genuine token is served.
    ok(await gql('query { organizations(first: 1) { edges { node { id } } } }', {}, registrar), 'a genuine token');
  });

  it("hides an applicant's IIN and phone from an analyst while a registrar sees them", async () => {
    const iin = randomIin();
    const phone = randomPhone();
    const name = `Жанна Касымова ${uniqueTag()}`;
    const registered = ok(
      await gql<{ registerAppeal: { id: string } }>(
        'mutation($input: RegisterAppealInput!) { registerAppeal(input: $input) { id } }',
        {
          input: {
            kind: 'COMPLAINT',
            channel: 'HAND_DELIVERY',
            applicant: { type: 'INDIVIDUAL', name, iin, phone, address: 'г. Текели, ул. Абая, 5' },
            summary: 'Нет отопления',
            text: 'В квартире нет отопления с начала сезона.',
            categoryId: seededCategoryId,
          },
        },
        registrar,
      ),
      'registerAppeal',
    ).registerAppeal;

    type View = {
      appeal: {
        id: string;
        summary: string;
        text: string | null;
        applicant: { type: string; name: string | null; iin: string | null; phone: string | null; address: string | null };
      } | null;
    };
    const query = 'query($id: ID!) { appeal(id: $id) { id summary text applicant { type name iin phone address } } }';

    const asRegistrar = ok(await gql<View>(query, { id: registered.id }, registrar), 'the registrar reads the appeal').appeal;
    assert.equal(asRegistrar?.applicant.iin, iin);
    assert.equal(asRegistrar.applicant.phone, phone);
    assert.equal(asRegistrar.applicant.name, name);

    const asAnalyst = ok(await gql<View>(query, { id: registered.id }, { role: 'analyst', subject: 'e2e-analyst' }), 'the analyst reads the appeal').appeal;
    assert.equal(asAnalyst?.id, registered.id, 'the analyst reads the appeal itself');
    assert.equal(asAnalyst.summary, 'Нет отопления');
    assert.equal(asAnalyst.applicant.type, 'INDIVIDUAL');
    assert.deepEqual(
      {
        iin: asAnalyst.applicant.iin,
        phone: asAnalyst.applicant.phone,
        name: asAnalyst.applicant.name,
        address: asAnalyst.applicant.address,
        text: asAnalyst.text,
      },
      { iin: null, phone: null, name: null, address: null, text: null },
      'personal data (and the full text) are null for an analyst',
    );
  });
});
