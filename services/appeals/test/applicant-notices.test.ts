import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { civilDateInKazakhstan } from '@bakylau/platform/calendar/index';
import { createCloudEvent } from '@bakylau/platform/events/cloud-event';
import { topics } from '@bakylau/platform/events/topics';
import { applyEventOnce } from '@bakylau/platform/inbox/inbox-consumer';
import type { ServiceDefinition } from '@bakylau/platform/service-runtime';
import type { AppealsContext } from '../src/context.ts';
import { eventually } from '@bakylau/platform/testkit/test-env';
import { outboxRowsHolding, startTestService, type TestCaller, type TestService } from '@bakylau/platform/testkit/service-harness';
import { letterDate } from '../src/domain/applicant-notices.ts';
import { loadAppealsConfig } from '../src/config.ts';
import { createAppealsService } from '../src/service.ts';
import { ASSIGN, EXTEND, SIGN, SUBMIT, UPSERT_ORG, ok } from './appeals-helpers.ts';
import { parseClockTime } from '@bakylau/platform/civil-time';
import { defaultWorkingDayEnd } from '@bakylau/platform/config';
const workingDayEnd = parseClockTime(defaultWorkingDayEnd);

const admin: TestCaller = { role: 'admin' };
const registrar: TestCaller = { role: 'registrar', subject: 'registrar-1' };
const head: TestCaller = { role: 'department_head', subject: 'head-1' };
const analyst: TestCaller = { role: 'analyst' };

const REGISTER = `mutation($input: RegisterAppealInput!) { registerAppeal(input: $input) { id version registrationNumber dueDate maxDueDate applicant { language } } }`;
const FORWARD = `mutation($input: ForwardAppealInput!) { forwardAppeal(input: $input) { id version state } }`;

/** Mail as the real SMTP server received it, decoded, with the envelope recipient. */
type Delivered = { to: string; mail: ParsedMail };

describe('appeals: notices to the applicant through a real SMTP server', () => {
  let service: TestService;
  let definition: ServiceDefinition<AppealsContext>;
  let smtp: SMTPServer;
  const inbox: Delivered[] = [];
  let executorOrg: string;
  let policeOrg: string;
  let executor: TestCaller;

  const mailTo = (address: string) => inbox.filter((d) => d.to === address).map((d) => d.mail);
  const waitForMail = (address: string, n: number) => eventually(async () => mailTo(address).length >= n, `${n} messages to ${address}`, 60_000);
  const register = async (applicant: Record<string, unknown>, language?: 'RU' | 'KK') =>
    (
      await ok(
        service,
        REGISTER,
        {
          input: {
            kind: 'APPLICATION',
            channel: 'POST',
            applicant: { type: 'INDIVIDUAL', name: 'Сейтқали Айгүл', ...applicant },
            summary: 'Не вывозится мусор',
            text: 'Во дворе второй месяц не вывозится мусор.',
            ...(language ? { language } : {}),
          },
        },
        registrar,
      )
    )['registerAppeal'];

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        simpleParser(stream).then((mail) => {
          for (const rcpt of session.envelope.rcptTo) inbox.push({ to: rcpt.address, mail });
          callback();
        }, callback);
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    const port = (smtp.server.address() as AddressInfo).port;
    definition = createAppealsService(loadAppealsConfig({ SMTP_URL: `smtp://127.0.0.1:${port}`, NOTIFICATION_DISPATCH_INTERVAL_MS: '200' }));
    service = await startTestService(definition, { consumers: true });
    executorOrg = (
      await ok(service, UPSERT_ORG, { input: { name: 'Управление ЖКХ области Жетісу', nameKk: 'Жетісу облысының ТКШ басқармасы', kind: 'AKIMAT_UNIT' } }, admin)
    )['upsertOrganization'].id;
    policeOrg = (
      await ok(
        service,
        UPSERT_ORG,
        { input: { name: 'Департамент полиции области Жетісу', nameKk: 'Жетісу облысының полиция департаменті', kind: 'STATE_BODY' } },
        admin,
      )
    )['upsertOrganization'].id;
    executor = { role: 'executor', organizationId: executorOrg, subject: 'executor-1' };
  });

  afterAll(async () => {
    await service?.stop();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it('tells a Kazakh-speaking applicant of registration, routing, the extension and the answer, in Kazakh', async () => {
    const address = 'aigul.kk@example.kz';
    const registered = await register({ email: address }, 'KK');
    assert.equal(registered.applicant.language, 'KK');
    const n = registered.registrationNumber;
    const assigned = (
      await ok(service, ASSIGN, { input: { appealId: registered.id, expectedVersion: registered.version, lead: { organizationId: executorOrg } } }, registrar)
    )['assignAppeal'];
    const extended = (
      await ok(
        service,
        EXTEND,
        { input: { appealId: registered.id, expectedVersion: assigned.version, newDueDate: registered.maxDueDate, reason: 'Требуется выезд на место' } },
        head,
      )
    )['extendAppeal'];
    const submitted = (
      await ok(
        service,
        SUBMIT,
        { input: { appealId: registered.id, expectedVersion: extended.version, text: 'Вывоз организован', outcome: 'SATISFIED' } },
        executor,
      )
    )['submitAppealAnswer'];
    await ok(service, SIGN, { input: { appealId: registered.id, expectedVersion: submitted.version } }, head);

    await waitForMail(address, 4);
    const today = letterDate(civilDateInKazakhstan(new Date()));
    const bySubject = new Map(mailTo(address).map((m) => [m.subject, m.text ?? '']));
    assert.deepEqual(
      [...bySubject.keys()].sort(),
      [`№ ${n} өтініш қарауға жіберілді`, `№ ${n} өтініш тіркелді`, `№ ${n} өтінішке жауап берілді`, `№ ${n} өтінішті қарау мерзімі ұзартылды`].sort(),
    );
    assert.match(
      bySubject.get(`№ ${n} өтініш тіркелді`) ?? '',
      new RegExp(
        `^Құрметті өтініш беруші!\\s+Сіздің өтінішіңіз тіркелді: ${today}, тіркеу нөмірі № ${n}\\. Қарау мерзімі: ${letterDate(registered.dueDate)} дейін\\.`,
      ),
    );
    assert.match(bySubject.get(`№ ${n} өтініш қарауға жіберілді`) ?? '', /Орындаушы: Жетісу облысының ТКШ басқармасы\./);
    assert.match(
      bySubject.get(`№ ${n} өтінішті қарау мерзімі ұзартылды`) ?? '',
      new RegExp(`қарау мерзімі ${letterDate(registered.maxDueDate)} дейін ұзартылды\\. Себебі: Требуется выезд на место`),
    );
    assert.match(bySubject.get(`№ ${n} өтінішке жауап берілді`) ?? '', new RegExp(`${today} жауап берілді\\. Нәтижесі: қанағаттандырылды\\.`));
    // The reason reached the notice through the sealed v2 event; no event of the appeal shows it.
    assert.deepEqual(await outboxRowsHolding(service.orm, 'Требуется выезд на место'), []);

    // Each delivery is on record, and the extension notice is published for the audit.
    await eventually(async () => {
      const rows = await service.orm.em
        .fork()
        .execute<{ n: string }[]>(`select count(*) as n from notification where appeal_id = ? and status = 'DELIVERED' and delivered_at is not null`, [
          registered.id,
        ]);
      return Number(rows[0]?.n) === 4;
    }, 'four deliveries recorded');
    const delivered = await service.orm.em
      .fork()
      .execute<{ event: { data: Record<string, unknown> } }[]>(
        `select event from outbox where type = 'kz.bakylau.notification.delivered.v1' and message_key = ? order by seq`,
        [registered.id],
      );
    assert.deepEqual(delivered.map((d) => d.event.data['kind']).sort(), ['APPEAL_ANSWERED', 'APPEAL_EXTENDED', 'APPEAL_REGISTERED', 'APPEAL_ROUTED']);
    assert.ok(delivered.every((d) => d.event.data['language'] === 'KK' && d.event.data['channel'] === 'EMAIL'));

    // Staff read the record on the appeal; the address only where the applicant's details may be seen.
    const NOTIFICATIONS = `query($id: ID!) { appeal(id: $id) { notifications { kind channel language status attempts deliveredAt nextAttemptAt recipient } } }`;
    type Notices = {
      appeal: {
        notifications: {
          kind: string;
          channel: string;
          language: string;
          status: string;
          attempts: number;
          deliveredAt: string | null;
          nextAttemptAt: string | null;
          recipient: string | null;
        }[];
      };
    };
    const forRegistrar = await ok<Notices>(service, NOTIFICATIONS, { id: registered.id }, registrar);
    assert.deepEqual(
      forRegistrar.appeal.notifications.map((x) => x.kind),
      ['APPEAL_REGISTERED', 'APPEAL_ROUTED', 'APPEAL_EXTENDED', 'APPEAL_ANSWERED'],
    );
    for (const notice of forRegistrar.appeal.notifications) {
      assert.deepEqual(
        [notice.channel, notice.language, notice.status, notice.attempts, notice.recipient, notice.nextAttemptAt],
        ['EMAIL', 'KK', 'DELIVERED', 1, address, null],
      );
      assert.ok(notice.deliveredAt);
    }
    const forAnalyst = await ok<Notices>(service, NOTIFICATIONS, { id: registered.id }, analyst);
    assert.equal(forAnalyst.appeal.notifications.length, 4);
    assert.ok(forAnalyst.appeal.notifications.every((x) => x.recipient === null && x.status === 'DELIVERED'));
  });

  it('tells a Russian-speaking applicant (the default) of the forwarding, naming the receiving body', async () => {
    const address = 'asan.ru@example.kz';
    const registered = await register({ email: address });
    assert.equal(registered.applicant.language, 'RU');
    const n = registered.registrationNumber;
    // The executor finds it outside the akimat's competence: it goes to the police.
    const assigned = (
      await ok(service, ASSIGN, { input: { appealId: registered.id, expectedVersion: registered.version, lead: { organizationId: executorOrg } } }, registrar)
    )['assignAppeal'];
    await ok(
      service,
      FORWARD,
      { input: { appealId: registered.id, expectedVersion: assigned.version, toOrganizationId: policeOrg, reason: 'Вне компетенции акимата' } },
      registrar,
    );
    await waitForMail(address, 3);
    const bySubject = new Map(mailTo(address).map((m) => [m.subject, m.text ?? '']));
    assert.match(
      bySubject.get(`Обращение № ${n} зарегистрировано`) ?? '',
      new RegExp(`^Уважаемый заявитель!\\s+Ваше обращение зарегистрировано .* под № ${n}\\. Срок рассмотрения — до ${letterDate(registered.dueDate)}\\.`),
    );
    assert.match(bySubject.get(`Обращение № ${n} направлено на рассмотрение`) ?? '', /Исполнитель: Управление ЖКХ области Жетісу\./);
    assert.match(
      bySubject.get(`Обращение № ${n} направлено по компетенции`) ?? '',
      /в другой орган: Департамент полиции области Жетісу\. Ответ вы получите от этого органа\./,
    );
  });

  it('creates no notice for a channel that is not configured (SMS here) and hides the language from analysts', async () => {
    const registered = await register({ phone: '+77011234567' }, 'KK');
    const seen = await service.request<{ appeal: { applicant: { language: string | null } } }>(
      `query($id: ID!) { appeal(id: $id) { applicant { language } } }`,
      { id: registered.id },
      analyst,
    );
    assert.equal(seen.data?.appeal.applicant.language, null);
    // The registered event is consumed (inbox) without a notice for it.
    await eventually(async () => {
      const rows = await service.orm.em
        .fork()
        .execute<{ n: string }[]>(
          `select count(*) as n from inbox where consumer = 'applicant-notices' and event_id = (select id::text from outbox where message_key = ? and type = 'kz.bakylau.appeal.registered.v1')`,
          [registered.id],
        );
      return Number(rows[0]?.n) === 1;
    }, 'the registered event consumed');
    const rows = await service.orm.em.fork().execute<{ n: string }[]>('select count(*) as n from notification where appeal_id = ?', [registered.id]);
    assert.equal(Number(rows[0]?.n), 0);
  });

  it('gives the notice of an extension read from the retired v1 event (reason in plain) too', async () => {
    const address = 'extended.v1@example.kz';
    const registered = await register({ email: address });
    const n = registered.registrationNumber;
    const consumer = definition.consumers?.find((c) => c.name === 'applicant-notices');
    assert.ok(consumer);
    const v1 = createCloudEvent({
      source: '/bakylau/appeals',
      type: 'kz.bakylau.appeal.extended.v1',
      subject: registered.id,
      data: {
        appealId: registered.id,
        organizationId: null,
        previousDueDate: registered.dueDate,
        newDueDate: registered.maxDueDate,
        reason: 'Нужна экспертиза',
        decidedBy: head,
        actor: head,
      },
    });
    await applyEventOnce(
      service.orm,
      consumer.name,
      v1,
      (em, event, meta) => consumer.handle(em, event, { ...meta, sealingKeys: service.sealingKeys, workingDayEnd }),
      {
        topic: topics.appeals,
        headers: {},
      },
    );
    await eventually(async () => mailTo(address).some((m) => m.subject === `Срок рассмотрения обращения № ${n} продлён`), 'the extension notice');
    const notice = mailTo(address).find((m) => m.subject === `Срок рассмотрения обращения № ${n} продлён`);
    assert.match(notice?.text ?? '', new RegExp(`продлён до ${letterDate(registered.maxDueDate)}\\. Причина: Нужна экспертиза`));
  });
});
