import pg from 'pg';
import type { Message, Producer } from 'kafkajs';
import type { Logger } from '../logging.ts';
import { metrics } from '../metrics.ts';

export type OutboxRelay = {
  start(): Promise<void>;
  /** Finishes the batch in flight (publish and mark, or leave pending), then releases the lock. */
  stop(): Promise<void>;
  /** True once this relay holds the service's relay lock and its connection is open. */
  isActive(): boolean;
};

type OutboxRow = { id: string; topic: string; message_key: string; event: unknown; headers: Record<string, string> };

export type OutboxRelayOptions = {
  service: string;
  databaseUrl: string;
  /**
   * Makes the (idempotent) producer. The relay takes a fresh one after every failed send: kafkajs
   * rolls back the sequence numbers of every partition of a failed request, also of those the broker
   * did append (the rest refused a message, or the broker stopped mid-request), and the relay's next
   * batch is not the same batch, so that producer would be refused as out of order for ever. A new
   * producer id starts its sequences afresh; a message published twice is dropped by the inbox.
   */
  createProducer: () => Producer;
  logger: Logger;
  batchSize?: number;
  /** Slow poll, the fallback for a lost notification and for rows deferred by a running transaction. */
  pollIntervalMs?: number;
  maxBackoffMs?: number;
};

/**
 * Publishes the service's outbox to Kafka in commit order.
 *
 * - One active relay per service: it holds a PostgreSQL advisory lock on its own connection;
 *   a second instance waits as a standby, so per-aggregate order is never broken by two relays.
 * - It reads only rows whose inserting transaction is older than every running one
 *   (`txid < pg_snapshot_xmin`), so a row committed late is never skipped by a later one.
 * - Woken by LISTEN/NOTIFY on insert, with a slow poll as fallback.
 * - If Kafka or the database is down it backs off and tries again, forever, with a fresh producer
 *   after each failed send: events wait, none is lost.
 *   A batch is marked published only after Kafka acknowledged it; a crash in between republishes
 *   the batch, and consumers drop the duplicates by event id (inbox).
 */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const batchSize = options.batchSize ?? 500;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const maxBackoffMs = options.maxBackoffMs ?? 10_000;
  const lockKey = `outbox-relay:${options.service}`;
  const log = options.logger.child({ component: 'outbox-relay' });
  const pending = metrics.outboxPending().labels(options.service);
  const oldestAge = metrics.outboxOldestAge().labels(options.service);
  const published = metrics.outboxPublished().labels(options.service);
  const failures = metrics.outboxFailures().labels(options.service);

  let client: pg.Client | null = null;
  let running = false;
  let active = false;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  let producer: Producer | null = null;
  let producerConnected = false;

  async function discardProducer() {
    const old = producer;
    const wasConnected = producerConnected;
    producer = null;
    producerConnected = false;
    if (old && wasConnected) await old.disconnect().catch(() => undefined);
  }

  // A notification that arrives while no sleep is pending (a batch is in flight) is remembered, and
  // the next idle sleep is skipped: the row it announces may be newer than the batch's snapshot, and
  // would otherwise wait for the slow poll. Backoff sleeps ignore the memory but stay wakeable.
  let notifiedWhileBusy = false;
  const sleep = (ms: number, idle = false) =>
    new Promise<void>((resolve) => {
      if (idle && notifiedWhileBusy) {
        notifiedWhileBusy = false;
        resolve();
        return;
      }
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  async function connect(): Promise<pg.Client> {
    const next = new pg.Client({ connectionString: options.databaseUrl });
    next.on('error', (error) => log.warn({ err: error.message }, 'relay connection error'));
    next.on('notification', () => {
      if (wake) wake();
      else notifiedWhileBusy = true;
    });
    await next.connect();
    return next;
  }

  async function dropConnection() {
    const wasActive = active;
    active = false;
    const old = client;
    client = null;
    if (!old) return;
    // Unlocked before the connection closes: the server frees a session's locks only once its
    // backend has exited, and a successor trying in between would wait a whole standby interval.
    if (wasActive) await old.query('select pg_advisory_unlock(hashtext($1))', [lockKey]).catch(() => undefined);
    await old.end().catch(() => undefined);
  }

  /** Takes the lock and starts listening; false while another relay of the service is active. */
  async function acquire(): Promise<boolean> {
    client ??= await connect();
    const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock(hashtext($1)) as locked', [lockKey]);
    if (!rows[0]?.locked) return false;
    await client.query('listen outbox');
    active = true;
    log.info('outbox relay active');
    return true;
  }

  /**
   * After Kafka refuses a batch for good (a message too large, an invalid record: isRefusedForGood),
   * rows go one at a time until the poison row is found and parked as 'dead' after a few tries;
   * a dead row is reported by the lag metrics and the log, and the rest flows on.
   */
  let isolating = false;
  const deadAfterAttempts = 3;

  /**
   * `published`: rows sent this round. `deferred`: committed rows left pending because a transaction
   * that began before them still runs (pg_snapshot_xmin is server-wide, so any session on the server
   * can hold them back, usually for milliseconds).
   */
  async function publishBatch(db: pg.Client): Promise<{ published: number; deferred: boolean }> {
    const limit = isolating ? 1 : batchSize;
    const { rows } = await db.query<OutboxRow & { attempts: number }>(
      `select id, topic, message_key, event, headers, attempts from outbox
        where status = 'pending' and txid < pg_snapshot_xmin(pg_current_snapshot())
        order by seq limit $1`,
      [limit],
    );
    const deferred = await updateLagMetrics(db);
    if (rows.length === 0) return { published: 0, deferred };
    producer ??= options.createProducer();
    if (!producerConnected) {
      await producer.connect();
      producerConnected = true;
    }
    const byTopic = new Map<string, Message[]>();
    for (const row of rows) {
      const messages = byTopic.get(row.topic) ?? [];
      messages.push({ key: row.message_key, value: JSON.stringify(row.event), headers: { ...row.headers, 'ce-id': row.id } });
      byTopic.set(row.topic, messages);
    }
    const ids = rows.map((row) => row.id);
    try {
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
    } catch (error) {
      failures.inc();
      await discardProducer();
      const refusedForGood = isRefusedForGood(error);
      const poison = refusedForGood && isolating && (rows[0]?.attempts ?? 0) + 1 >= deadAfterAttempts;
      await db
        .query(
          `update outbox set attempts = attempts + 1, last_error = $2,
                  status = case when $3 then 'dead' else status end
            where id = any($1::uuid[])`,
          [ids, errorText(error), poison],
        )
        .catch(() => undefined);
      if (poison) log.error({ eventId: ids[0], err: errorText(error) }, 'outbox event refused by Kafka; parked as dead');
      isolating = refusedForGood && !poison;
      if (poison) return { published: 0, deferred };
      throw error;
    }
    await db.query(`update outbox set status = 'published', published_at = now() where id = any($1::uuid[])`, [ids]);
    published.inc(rows.length);
    isolating = false;
    return { published: rows.length, deferred };
  }

  /** Sets the lag metrics; true when committed rows wait behind a running transaction. */
  async function updateLagMetrics(db: pg.Client): Promise<boolean> {
    const { rows } = await db.query<{ n: number; age: number | null; deferred: boolean }>(
      `select count(*)::int as n, extract(epoch from now() - min(created_at))::float8 as age,
              coalesce(bool_or(txid >= pg_snapshot_xmin(pg_current_snapshot())), false) as deferred
         from outbox where status = 'pending'`,
    );
    pending.set(rows[0]?.n ?? 0);
    oldestAge.set(rows[0]?.age ?? 0);
    return rows[0]?.deferred ?? false;
  }

  async function run() {
    let backoff = 200;
    // Rows held back by a running transaction are retried soon, not at the slow poll: the holder
    // commits no NOTIFY of its own when it is another service's transaction, or a reader. On a busy
    // server one holder follows another, so the retries double only up to a second.
    const firstDeferredRetryMs = 25;
    const maxDeferredRetryMs = Math.min(1000, pollIntervalMs);
    let deferredRetry = firstDeferredRetryMs;
    while (running) {
      try {
        if (!active && !(await acquire())) {
          await sleep(pollIntervalMs * 2);
          continue;
        }
        const { published: count, deferred } = await publishBatch(client as pg.Client);
        backoff = 200;
        // A full batch means more is waiting: go on at once.
        if (count >= batchSize) continue;
        if (deferred) {
          await sleep(deferredRetry, true);
          deferredRetry = Math.min(deferredRetry * 2, maxDeferredRetryMs);
        } else {
          deferredRetry = firstDeferredRetryMs;
          await sleep(pollIntervalMs, true);
        }
      } catch (error) {
        log.warn({ err: errorText(error), retryInMs: backoff }, 'outbox publish failed; events stay pending');
        if (isConnectionError(error)) await dropConnection();
        await sleep(backoff);
        backoff = Math.min(backoff * 2, maxBackoffMs);
      }
    }
  }

  return {
    async start() {
      if (running) return;
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
      loop = null;
      await dropConnection();
      await discardProducer();
    },
    isActive: () => active,
  };
}

/**
 * Kafka's answers that refuse a message itself, so that sending it again can never succeed.
 * Only these make the relay isolate a batch and, in the end, park the row as dead. kafkajs also
 * marks an outage as non-retriable once its own retries run out (KafkaJSNonRetriableError,
 * KafkaJSNumberOfRetriesExceeded around a connection error): that is no reason to give up on an
 * event, so a broker that is down, restarting or unreachable only ever makes events wait.
 */
const messageRefusals = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE', 'INVALID_RECORD', 'INVALID_TIMESTAMP']);

export function isRefusedForGood(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false;
  const type = (error as Error & { type?: unknown }).type;
  if (error.name === 'KafkaJSProtocolError' && typeof type === 'string' && messageRefusals.has(type)) return true;
  const nested = (error as Error & { errors?: unknown }).errors;
  if (Array.isArray(nested) && nested.some((e) => isRefusedForGood(e, depth + 1))) return true;
  return isRefusedForGood(error.cause, depth + 1);
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as Error & { code?: string }).code ?? '';
  // Node socket errors and PostgreSQL's admin shutdown / connection failure classes.
  return /^(ECONN|EPIPE|ETIMEDOUT|57P|08)/.test(code) || /Connection terminated|not queryable|Client was closed/i.test(error.message);
}
