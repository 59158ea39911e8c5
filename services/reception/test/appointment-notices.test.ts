import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventually } from '@bakylau/platform/testkit/test-env';
import { startTestService, type TestService } from '@bakylau/platform/testkit/service-harness';
import { loadReceptionConfig } from '../src/config.ts';
import { slotTimeInKazakhstan } from '../src/domain/appointment-notices.ts';
import { createReceptionService } from '../src/service.ts';
import { citizen, createOfficial, must, publishSession } from './reception-fixtures.ts';

type Sms = { auth: string | undefined; to: string; text: string; reference: string };

const BOOK = `mutation($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }`;

describe('reception: SMS to the citizen about the appointment, through a provider over HTTP', () => {
  let service: TestService;
  let provider: Server;
  const sent: Sms[] = [];

  const smsTo = (phone: string) => sent.filter((s) => s.to === phone).map((s) => s.text);
  const slotTime = async (slotId: string) => {
    const rows = await service.orm.em
      .fork()
      .execute<{ starts_at: string }[]>(
        `select to_char(starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as starts_at from reception_slot where id = ?`,
        [slotId],
      );
    return slotTimeInKazakhstan(new Date(rows[0]?.starts_at ?? ''));
  };
  const book = async (slotId: string, phone: string, language?: 'RU' | 'KK') => {
    const as = citizen(phone.slice(-4));
    const data = must(
      await service.request<{ bookAppointment: { id: string } }>(
        BOOK,
        { input: { slotId, topic: 'Ремонт дороги', citizenName: 'Ахметов Серик', citizenPhone: phone, ...(language ? { language } : {}) } },
        as,
      ),
    );
    return { id: data.bookAppointment.id, as };
  };

  beforeAll(async () => {
    provider = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      req.on('end', () => {
        sent.push({ auth: req.headers.authorization, ...(JSON.parse(raw) as Omit<Sms, 'auth'>) });
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(provider.address() as AddressInfo).port}/send`;
    service = await startTestService(
      createReceptionService(loadReceptionConfig({ SMS_PROVIDER_URL: url, SMS_PROVIDER_TOKEN: 'provider-token', NOTIFICATION_DISPATCH_INTERVAL_MS: '200' })),
    );
  });
  afterAll(async () => {
    await service?.stop();
    await new Promise((resolve) => provider.close(resolve));
  });

  it('tells of the booking, the change of time and the cancellation, in Kazakh as chosen', async () => {
    const phone = '+77017654321';
    const official = await createOfficial(service);
    const session = await publishSession(service, official, { capacity: 2 });
    const [first, second] = session.slotIds as [string, string];
    const booked = await book(first, phone, 'KK');
    await eventually(async () => smsTo(phone).length === 1, 'the booking SMS');
    const at1 = await slotTime(first);
    assert.equal(smsTo(phone)[0], `Сіз жеке қабылдауға жазылдыңыз: ${at1.date}, сағат ${at1.time}.`);
    assert.equal(sent.at(-1)?.auth, 'Bearer provider-token');

    const moved = must(
      await service.request<{ rebookAppointment: { id: string } }>(
        `mutation($id: ID!, $slotId: ID!) { rebookAppointment(id: $id, slotId: $slotId) { id } }`,
        { id: booked.id, slotId: second },
        booked.as,
      ),
    );
    await eventually(async () => smsTo(phone).length === 2, 'the change SMS');
    const at2 = await slotTime(second);
    assert.equal(smsTo(phone)[1], `Жеке қабылдау уақыты өзгертілді. Жаңа уақыт: ${at2.date}, сағат ${at2.time}.`);

    must(await service.request(`mutation($id: ID!) { cancelAppointment(id: $id) { id } }`, { id: moved.rebookAppointment.id }, booked.as));
    await eventually(async () => smsTo(phone).length === 3, 'the cancellation SMS');
    assert.equal(smsTo(phone)[2], `Сіздің ${at2.date}, сағат ${at2.time} жеке қабылдауға жазылуыңыз жойылды.`);

    const kinds = await service.orm.em
      .fork()
      .execute<{ kind: string; status: string }[]>(`select n.kind, n.status from notification n where n.recipient = ? order by n.created_at`, [phone]);
    assert.deepEqual(
      kinds.map((k) => k.kind),
      ['APPOINTMENT_BOOKED', 'APPOINTMENT_CHANGED', 'APPOINTMENT_CANCELLED'],
    );
    await eventually(async () => {
      const rows = await service.orm.em
        .fork()
        .execute<{ n: string }[]>(
          `select count(*) as n from outbox where type = 'kz.bakylau.notification.delivered.v1' and event->'data'->>'kind' like 'APPOINTMENT_%' and message_key in (?, ?)`,
          [booked.id, moved.rebookAppointment.id],
        );
      return Number(rows[0]?.n) === 3;
    }, 'three deliveries published');
  });

  it('tells each citizen (in Russian by default) that a cancelled session will not take place', async () => {
    const phone = '+77019998877';
    const official = await createOfficial(service);
    const session = await publishSession(service, official, { capacity: 2 });
    await book(session.slotIds[0] as string, phone);
    await eventually(async () => smsTo(phone).length === 1, 'the booking SMS');
    must(await service.request(`mutation($id: ID!) { cancelReceptionSession(sessionId: $id) { id } }`, { id: session.id }, official.caller));
    await eventually(async () => smsTo(phone).length === 2, 'the cancellation SMS');
    const at = await slotTime(session.slotIds[0] as string);
    assert.equal(smsTo(phone)[0], `Вы записаны на личный приём ${at.date} в ${at.time}.`);
    assert.equal(smsTo(phone)[1], `Ваша запись на личный приём ${at.date} в ${at.time} отменена: приём не состоится.`);
  });
});
