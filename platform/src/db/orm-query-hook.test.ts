import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { OutboxEvent } from '../outbox/outbox-event.ts';
import { testEnv } from '../testkit/test-env.ts';
import { allMigrations, createOrm } from './orm.ts';
import { createTestDatabase } from './test-database.ts';

/** What the hook sees, reset per case; the counts below are exact so a missed path shows. */
describe('createOrm onQuery: every statement the ORM sends is reported, unchanged', () => {
  let orm: MikroORM;
  let drop: () => Promise<void>;
  let seen: string[] = [];

  beforeAll(async () => {
    const db = await createTestDatabase({
      baseUrl: testEnv.databaseUrl,
      service: 'platform',
      migrationNames: allMigrations([]).map((m) => m.name),
      migrate: async (url) => (await createOrm({ databaseUrl: url, entities: [], migrations: [] })).close(),
    });
    drop = db.drop;
    orm = await createOrm({ databaseUrl: db.url, entities: [], migrations: [], onQuery: (sql) => void seen.push(sql) });
  });

  afterAll(async () => {
    await orm?.close();
    await drop?.();
  });

  const fresh = () => {
    seen = [];
    return orm.em.fork();
  };

  it('reports a raw em.execute, and the query still runs as written', async () => {
    const em = fresh();
    const rows = await em.execute<{ n: number }[]>('select 40 + ? as n', [2]);
    assert.equal(rows[0]?.n, 42);
    assert.equal(seen.length, 1);
    assert.match(seen[0]!, /^select 40 \+ \? as n$/);
  });

  it('reports em.find, em.count and a query builder', async () => {
    const em = fresh();
    await em.find(OutboxEvent, { status: 'pending' });
    await em.count(OutboxEvent, { status: 'pending' });
    await em.createQueryBuilder(OutboxEvent).select('id').where({ status: 'published' }).execute();
    assert.equal(seen.length, 3, seen.join('\n'));
    assert.ok(
      seen.every((sql) => sql.includes('"outbox"')),
      seen.join('\n'),
    );
  });

  it('reports the inserts and updates of a flush inside a transaction (begin/commit are not statements it sees)', async () => {
    const em = fresh();
    const id = randomUUID();
    await em.transactional(async (tx) => {
      tx.create(OutboxEvent, { id, topic: 't', messageKey: 'k', type: 'x', event: {}, headers: {} });
    });
    assert.equal(seen.length, 1, seen.join('\n'));
    assert.match(seen[0]!, /^insert into "outbox"/);
    const update = fresh();
    const row = await update.findOneOrFail(OutboxEvent, { id });
    row.attempts = 1;
    await update.flush();
    assert.equal(seen.length, 2, seen.join('\n'));
    assert.match(seen[1]!, /^update "outbox"/);
  });

  it("does not see the Kysely instance of em.getKysely(), which bypasses MikroORM's connection (no service uses it)", async () => {
    // Pinned so a MikroORM upgrade that starts reporting it shows up here and the docs get updated.
    const em = fresh();
    const rows = await em.getKysely<{ outbox: { id: string } }>().selectFrom('outbox').select('id').execute();
    assert.ok(Array.isArray(rows));
    assert.equal(seen.length, 0, seen.join('\n'));
  });
});
