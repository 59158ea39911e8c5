import type { TestCaller, TestService } from '@bakylau/platform/testkit/service-harness';

export const admin: TestCaller = { role: 'admin', subject: 'test-admin' };
export const registrar: TestCaller = { role: 'registrar', subject: 'test-registrar' };
export const citizen = (n: number | string): TestCaller => ({ role: 'citizen', subject: `citizen-${n}-${crypto.randomUUID().slice(0, 8)}` });

/** Throws with the GraphQL errors when an operation that must succeed did not. */
export function must<T>(result: { data?: T | null; errors?: unknown[] }): T {
  if (result.errors?.length || !result.data) throw new Error(`operation failed: ${JSON.stringify(result.errors)}`);
  return result.data;
}

export const codeOf = (result: { errors?: { extensions?: { code?: string } }[] }) => result.errors?.[0]?.extensions?.code;

/** An official of a fresh organization, with an account subject of their own. */
export async function createOfficial(service: TestService, organizationId: string = crypto.randomUUID()) {
  const subject = `official-${crypto.randomUUID().slice(0, 8)}`;
  const data = must(
    await service.request<{ createOfficial: { id: string } }>(
      `mutation($input: CreateOfficialInput!) { createOfficial(input: $input) { id } }`,
      { input: { fullName: 'Сарсенбаева Айгуль', position: 'DEPUTY_AKIM', title: 'Заместитель акима', organizationId, subject } },
      admin,
    ),
  );
  return { id: data.createOfficial.id, organizationId, caller: { role: 'official', subject, organizationId } as TestCaller };
}

/** A session starting `hoursAhead` from now, published by the official themself. */
export async function publishSession(
  service: TestService,
  official: { id: string; caller: TestCaller },
  options: { capacity?: number; hoursAhead?: number; planId?: string; format?: string } = {},
) {
  const startsAt = new Date(Date.now() + (options.hoursAhead ?? 48) * 3_600_000);
  startsAt.setUTCSeconds(0, 0);
  const format = options.format ?? 'IN_PERSON';
  const data = must(
    await service.request<{ publishReceptionSession: { id: string; slots: { id: string }[] } }>(
      `mutation($input: PublishReceptionSessionInput!) { publishReceptionSession(input: $input) { id slots { id } } }`,
      {
        input: {
          officialId: official.id,
          startsAt: startsAt.toISOString(),
          format,
          ...(format === 'IN_PERSON'
            ? { place: 'Зал приёма' }
            : format === 'OFF_SITE'
              ? { locality: 'с. Карабулак' }
              : { videoLink: 'https://vcs.example.kz/r/1', remoteParty: 'АП РК' }),
          capacity: options.capacity ?? 3,
          slotMinutes: 15,
          ...(options.planId ? { planId: options.planId } : {}),
        },
      },
      official.caller,
    ),
  );
  return { id: data.publishReceptionSession.id, slotIds: data.publishReceptionSession.slots.map((s) => s.id) };
}

export const bookMutation = `mutation($input: BookAppointmentInput!) { bookAppointment(input: $input) { id state slot { id } } }`;

export async function book(service: TestService, slotId: string, as: TestCaller, topic = 'Вопрос по ремонту дороги') {
  return service.request<{ bookAppointment: { id: string; state: string; slot: { id: string } } }>(
    bookMutation,
    { input: { slotId, topic, citizenName: 'Ахметов Серик', citizenPhone: '+77011234567' } },
    as,
  );
}
