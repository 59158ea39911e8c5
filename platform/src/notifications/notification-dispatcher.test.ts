import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Migration } from '@mikro-orm/migrations';
import type { MikroORM } from '@mikro-orm/postgresql';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { allMigrations, createOrm } from '../db/orm.ts';
import { createTestDatabase } from '../db/test-database.ts';
import { findPersonalData } from '../events/personal-data-scan.ts';
import { testEnv } from '../testkit/test-env.ts';
import { Notification } from './notification.ts';
import { createNotificationTable, dropNotificationTable } from './notification-migration.ts';
import { createNotifier, retryDelayMs, type ApplicantNotice, type Notifier } from './notification-dispatcher.ts';
import { createSmsChannel, smsStatusResult } from './sms-channel.ts';
import { createSmtpChannel, smtpFailure } from './smtp-channel.ts';

class CreateNotifications extends Migration {
  override up(): void {
    createNotificationTable(this);
  }
  override down(): void {
    dropNotificationTable(this);
  }
}
const migrations = [{ name: '0001-test-notifications', class: CreateNotifications }];

/** A real SMTP server in the test process; it keeps what it was given, refuses `refused@…` for good. */
async function startSmtpSink(port = 0): Promise<{ port: number; mail: ParsedMail[]; stop(): Promise<void> }> {
  const mail: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('refused@')) callback(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
      else callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then((parsed) => {
        mail.push(parsed);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    mail,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const notice = (overrides: Partial<ApplicantNotice> = {}): ApplicantNotice => ({
  sourceEventId: randomUUID(),
  kind: 'APPEAL_EXTENDED',
  appealId: randomUUID(),
  language: 'KK',
  subject: '№ ЖТ-2026-000001 өтінішті қарау мерзімі ұзартылды',
  emailBody: 'Құрметті өтініш беруші!\n\nСіздің № ЖТ-2026-000001 өтінішіңізді қарау мерзімі 08.01.2027 дейін ұзартылды.',
  smsText: 'Мерзім 08.01.2027 дейін ұзартылды.',
  email: 'aigul@example.kz',
  phone: '+77011234567',
  ...overrides,
});

describe('notifications: the dispatcher over a real SMTP server and an SMS provider', () => {
  let orm: MikroORM;
  let drop: () => Promise<void>;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let notifier: Notifier;

  const row = async (id: string) => await orm.em.fork().findOneOrFail(Notification, { sourceEventId: id });
  const deliveredEvents = async () =>
    await orm.em
      .fork()
      .execute<{ message_key: string; topic: string; event: { data: Record<string, unknown> } }[]>(
        `select message_key, topic, event from outbox where type = 'kz.bakylau.notification.delivered.v1' order by seq`,
      );

  beforeAll(async () => {
    const db = await createTestDatabase({
      baseUrl: testEnv.databaseUrl,
      service: 'platform_notify',
      migrationNames: allMigrations(migrations).map((m) => m.name),
      migrate: async (url) => (await createOrm({ databaseUrl: url, entities: [Notification], migrations })).close(),
    });
    drop = db.drop;
    orm = await createOrm({ databaseUrl: db.url, entities: [Notification], migrations });
    smtp = await startSmtpSink();
    notifier = createNotifier({
      service: 'platform-test',
      topic: 'bakylau.appeals.v1',
      source: '/bakylau/appeals',
      channels: [createSmtpChannel({ url: `smtp://127.0.0.1:${smtp.port}`, from: 'Bakylau <no-reply@bakylau.kz>' })],
    });
  });
  afterAll(async () => {
    notifier?.close();
    await smtp?.stop();
    await orm?.close();
    await drop?.();
  });

  it('delivers an e-mail, records the delivery and its event (without recipient or text), once per event and channel', async () => {
    const n = notice();
    const em = orm.em.fork();
    const now = new Date();
    assert.equal(await notifier.queue(em, n, now), 1, 'only the configured channel (EMAIL) gets a row');
    assert.equal(await notifier.queue(em, n, now), 0, 'a redelivered event adds nothing');
    const summary = await notifier.dispatchDue(orm.em.fork(), now);
    assert.deepEqual(summary, { delivered: 1, retried: 0, failed: 0 });

    const mail = smtp.mail.at(-1);
    assert.ok(mail);
    assert.equal(mail.subject, n.subject);
    assert.equal(mail.text?.trim(), n.emailBody);
    assert.equal((mail.to as { text: string }).text, 'aigul@example.kz');
    assert.match((mail.from as { text: string }).text, /no-reply@bakylau\.kz/);

    const delivered = await row(n.sourceEventId);
    assert.equal(delivered.status, 'DELIVERED');
    assert.equal(delivered.attempts, 1);
    assert.deepEqual(delivered.deliveredAt, now);
    const [event] = await deliveredEvents();
    assert.ok(event);
    assert.equal(event.message_key, n.appealId);
    assert.equal(event.topic, 'bakylau.appeals.v1');
    assert.deepEqual(event.event.data, {
      notificationId: delivered.id,
      kind: 'APPEAL_EXTENDED',
      channel: 'EMAIL',
      language: 'KK',
      appealId: n.appealId,
      appointmentId: null,
      deliveredAt: now.toISOString(),
      attempts: 1,
      actor: { subject: 'system', role: 'system' },
    });
    assert.deepEqual(findPersonalData(event.event), []);
    assert.equal(await notifier.dispatchDue(orm.em.fork(), new Date(now.getTime() + 60_000)).then((s) => s.delivered), 0, 'sent once');
  });

  it('keeps a notice while the SMTP server is down and delivers it once the server is back', async () => {
    const port = smtp.port;
    await smtp.stop();
    const n = notice({ language: 'RU', subject: 'Обращение зарегистрировано', emailBody: 'Ваше обращение зарегистрировано.' });
    const t0 = new Date();
    await notifier.queue(orm.em.fork(), n, t0);
    assert.deepEqual(await notifier.dispatchDue(orm.em.fork(), t0), { delivered: 0, retried: 1, failed: 0 });
    let pending = await row(n.sourceEventId);
    assert.equal(pending.status, 'PENDING');
    assert.equal(pending.attempts, 1);
    assert.deepEqual(pending.nextAttemptAt, new Date(t0.getTime() + 30_000));
    assert.match(pending.lastError ?? '', /^smtp /);
    assert.ok(!(pending.lastError ?? '').includes('example.kz'));
    // Not due yet: nothing is attempted.
    assert.deepEqual(await notifier.dispatchDue(orm.em.fork(), new Date(t0.getTime() + 29_000)), { delivered: 0, retried: 0, failed: 0 });
    // Still down at the second attempt: the wait doubles.
    const t1 = new Date(t0.getTime() + 30_000);
    await notifier.dispatchDue(orm.em.fork(), t1);
    pending = await row(n.sourceEventId);
    assert.equal(pending.attempts, 2);
    assert.deepEqual(pending.nextAttemptAt, new Date(t1.getTime() + 60_000));

    smtp = await startSmtpSink(port);
    const t2 = new Date(t1.getTime() + 60_000);
    assert.deepEqual(await notifier.dispatchDue(orm.em.fork(), t2), { delivered: 1, retried: 0, failed: 0 });
    const delivered = await row(n.sourceEventId);
    assert.equal(delivered.status, 'DELIVERED');
    assert.equal(delivered.attempts, 3);
    assert.equal(smtp.mail.at(-1)?.subject, 'Обращение зарегистрировано');
    const event = (await deliveredEvents()).find((e) => e.event.data['notificationId'] === delivered.id);
    assert.equal(event?.event.data['attempts'], 3);
  });

  it('marks a notice refused for good by the server as FAILED, without the address in the reason', async () => {
    const n = notice({ email: 'refused@example.kz' });
    const now = new Date();
    await notifier.queue(orm.em.fork(), n, now);
    assert.deepEqual(await notifier.dispatchDue(orm.em.fork(), now), { delivered: 0, retried: 0, failed: 1 });
    const failed = await row(n.sourceEventId);
    assert.equal(failed.status, 'FAILED');
    assert.equal(failed.lastError, 'smtp 550 EENVELOPE');
    assert.equal(
      await notifier.dispatchDue(orm.em.fork(), new Date(now.getTime() + 7_200_000)).then((s) => s.failed + s.retried + s.delivered),
      0,
      'never retried',
    );
  });

  it('sends SMS to the provider contract: JSON with a bearer token; 2xx delivered, 4xx refused, 5xx retried', async () => {
    const received: { auth: string | undefined; body: { to: string; text: string; reference: string } }[] = [];
    let status = 202;
    const provider: Server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      req.on('end', () => {
        received.push({ auth: req.headers.authorization, body: JSON.parse(raw) as { to: string; text: string; reference: string } });
        res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(provider.address() as AddressInfo).port}/sms`;
    const sms = createNotifier({
      service: 'platform-test',
      topic: 'bakylau.reception.v1',
      source: '/bakylau/reception',
      channels: [createSmsChannel({ url, token: 'secret-token' })],
    });
    try {
      const appointmentId = randomUUID();
      const booked = notice({ kind: 'APPOINTMENT_BOOKED', appealId: null, appointmentId, smsText: 'Сіз қабылдауға жазылдыңыз.' });
      const now = new Date();
      assert.equal(await sms.queue(orm.em.fork(), booked, now), 1, 'only the SMS channel is configured here');
      assert.equal((await sms.dispatchDue(orm.em.fork(), now)).delivered, 1);
      const delivered = await row(booked.sourceEventId);
      assert.equal(delivered.channel, 'SMS');
      assert.deepEqual(received.at(-1), {
        auth: 'Bearer secret-token',
        body: { to: '+77011234567', text: 'Сіз қабылдауға жазылдыңыз.', reference: delivered.id },
      });
      const event = (await deliveredEvents()).find((e) => e.event.data['notificationId'] === delivered.id);
      assert.equal(event?.message_key, appointmentId);
      assert.equal(event?.topic, 'bakylau.reception.v1');

      status = 503;
      const busy = notice({ appealId: null, appointmentId: randomUUID() });
      await sms.queue(orm.em.fork(), busy, now);
      assert.deepEqual(await sms.dispatchDue(orm.em.fork(), now), { delivered: 0, retried: 1, failed: 0 });
      assert.equal((await row(busy.sourceEventId)).lastError, 'sms http 503');

      status = 400;
      const bad = notice({ appealId: null, appointmentId: randomUUID(), phone: '+7000' });
      await sms.queue(orm.em.fork(), bad, now);
      assert.deepEqual(await sms.dispatchDue(orm.em.fork(), now), { delivered: 0, retried: 0, failed: 1 });
      assert.equal((await row(bad.sourceEventId)).status, 'FAILED');
    } finally {
      sms.close();
      await new Promise((resolve) => provider.close(resolve));
    }
  });
});

describe('notifications: failure rules', () => {
  it('backs off from 30 s doubling, capped at an hour', () => {
    assert.deepEqual(
      [1, 2, 3, 4].map((a) => retryDelayMs(a, 30_000, 3_600_000)),
      [30_000, 60_000, 120_000, 240_000],
    );
    assert.equal(retryDelayMs(12, 30_000, 3_600_000), 3_600_000);
    assert.equal(retryDelayMs(500, 30_000, 3_600_000), 3_600_000);
  });

  it('sorts SMS statuses: 408 and 429 are retried, other 4xx refused', () => {
    assert.deepEqual(smsStatusResult(200), { ok: true });
    assert.deepEqual(smsStatusResult(429), { ok: false, permanent: false, reason: 'sms http 429' });
    assert.deepEqual(smsStatusResult(408), { ok: false, permanent: false, reason: 'sms http 408' });
    assert.deepEqual(smsStatusResult(422), { ok: false, permanent: true, reason: 'sms http 422' });
    assert.deepEqual(smsStatusResult(500), { ok: false, permanent: false, reason: 'sms http 500' });
  });

  it('sorts SMTP failures: 5xx replies refuse for good, 4xx and connection errors are retried', () => {
    assert.equal(smtpFailure({ code: 'EENVELOPE', responseCode: 550 }).permanent, true);
    assert.equal(smtpFailure({ code: 'EENVELOPE', responseCode: 452 }).permanent, false);
    assert.deepEqual(smtpFailure({ code: 'ECONNECTION' }), { ok: false, permanent: false, reason: 'smtp ECONNECTION' });
  });
});
