// A personal-reception visit end to end: an official publishes a session, a citizen books a slot,
// the official records the visit with an appeal to register and an instruction. Reception's events
// travel through Kafka: appeals registers the appeal (and reception links it back), instructions
// puts the instruction on control; one gateway query on the appointment then shows all three.
import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { civilInstant } from '@bakylau/platform/civil-time';
import { gql, ok, type Caller } from './gateway-client.ts';
import { demoId, kzToday, randomPhone, seededCategoryId, seededDistrictId, seededOrganizations, uniqueTag, waitFor } from './fixtures.ts';

const tag = uniqueTag();
// The seeded deputy akim whose official record carries the account subject `demo-official-deputy`.
const officialId = demoId('official:deputy-social');
const official: Caller = { role: 'official', subject: 'demo-official-deputy', organizationId: seededOrganizations.akimat };
const citizen: Caller = { role: 'citizen', subject: `e2e-citizen-${tag}` };
const executorOrg = seededOrganizations.roads;

type AppointmentView = {
  id: string;
  state: string;
  outcomes: string[];
  givenInstructions: { id: string; text: string; executorOrganization: { id: string } }[];
  appeal: { id: string; registrationNumber: string; state: string; channel: string; sourceAppointmentId: string | null } | null;
  instructions: { id: string; issuerLevel: string; text: string; executors: { organization: { id: string } }[] }[];
};

const appointmentQuery = `query($id: ID!) {
  appointment(id: $id) {
    id state outcomes
    givenInstructions { id text executorOrganization { id } }
    appeal { id registrationNumber state channel sourceAppointmentId }
    instructions { id issuerLevel text executors { organization { id } } }
  }
}`;

describe('a personal-reception visit with follow-ups', () => {
  it('publishes, books, records the visit; the appointment then shows the registered appeal and the controlled instruction', async () => {
    // The official publishes a session of their own, a few days ahead (minutes are random so reruns do not collide visually).
    const startsAt = civilInstant(kzToday(5), { hour: 14, minute: Math.floor(Math.random() * 4) * 15 });
    const published = ok(
      await gql<{ publishReceptionSession: { id: string; state: string; official: { id: string }; slots: { id: string; free: boolean }[] } }>(
        `mutation($input: PublishReceptionSessionInput!) { publishReceptionSession(input: $input) { id state official { id } slots { id free } } }`,
        {
          input: {
            officialId,
            startsAt: startsAt.toISOString(),
            format: 'IN_PERSON',
            place: `г. Талдыкорган, зал приёма (${tag})`,
            capacity: 2,
            slotMinutes: 15,
          },
        },
        official,
      ),
      'publishReceptionSession',
    ).publishReceptionSession;
    assert.equal(published.state, 'SCHEDULED');
    assert.equal(published.official.id, officialId);
    assert.equal(published.slots.length, 2);
    const slot = published.slots[0];
    assert.ok(slot?.free, 'a new session has free slots');

    // The citizen books the first slot for themself.
    const booked = ok(
      await gql<{ bookAppointment: { id: string; state: string; citizenSubject: string | null } }>(
        `mutation($input: BookAppointmentInput!) { bookAppointment(input: $input) { id state citizenSubject } }`,
        { input: { slotId: slot.id, topic: `Ремонт дороги (${tag})`, citizenName: `Серикова Алия ${tag}`, citizenPhone: randomPhone() } },
        citizen,
      ),
      'bookAppointment',
    ).bookAppointment;
    assert.equal(booked.state, 'BOOKED');
    assert.equal(booked.citizenSubject, citizen.subject);

    // A second citizen books the other slot: an appointment nothing will follow (a held session takes no bookings, so now).
    const second = published.slots[1];
    assert.ok(second, 'the session has a second slot');
    const plain = ok(
      await gql<{ bookAppointment: { id: string } }>(
        `mutation($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }`,
        { input: { slotId: second.id, topic: `Вопрос о пособии (${tag})`, citizenName: `Ахметов Ерлан ${tag}`, citizenPhone: randomPhone() } },
        { role: 'citizen', subject: `e2e-citizen-2-${tag}` },
      ),
      'booking the second slot',
    ).bookAppointment;

    // The official records the visit: an appeal to register and an instruction to a seeded organization.
    const instructionText = `Отремонтировать дорогу по ул. Жансугурова (${tag})`;
    const recorded = ok(
      await gql<{ recordVisit: { id: string; state: string; outcomes: string[] } }>(
        `mutation($input: RecordVisitInput!) { recordVisit(input: $input) { id state outcomes } }`,
        {
          input: {
            appointmentId: booked.id,
            outcomes: ['APPEAL_TO_REGISTER', 'INSTRUCTIONS_GIVEN'],
            appeal: { summary: `Просьба отремонтировать дорогу (${tag})`, categoryId: seededCategoryId, districtId: seededDistrictId },
            instructions: [{ text: instructionText, executorOrganizationId: executorOrg, dueDate: kzToday(14) }],
          },
        },
        official,
      ),
      'recordVisit',
    ).recordVisit;
    assert.equal(recorded.state, 'ATTENDED');
    assert.deepEqual([...recorded.outcomes].sort(), ['APPEAL_TO_REGISTER', 'INSTRUCTIONS_GIVEN']);

    // One query on the appointment joins reception, appeals and instructions once the events arrived.
    let view: AppointmentView | null = null;
    let lastErrors = '';
    await waitFor(
      async () => {
        const result = await gql<{ appointment: AppointmentView | null }>(appointmentQuery, { id: booked.id }, official);
        lastErrors = JSON.stringify(result.errors ?? []);
        view = result.data?.appointment ?? null;
        return !result.errors?.length && !!view?.appeal && view.instructions.length > 0;
      },
      () => `appointment ${booked.id} to show its registered appeal and its instruction (last seen: ${JSON.stringify(view)}, errors: ${lastErrors})`,
      60_000,
    );
    const appointment = view as AppointmentView | null;
    assert.ok(appointment?.appeal);
    assert.equal(appointment.state, 'ATTENDED');
    assert.equal(appointment.appeal.state, 'REGISTERED');
    assert.equal(appointment.appeal.channel, 'PERSONAL_RECEPTION');
    assert.equal(appointment.appeal.sourceAppointmentId, booked.id);
    assert.match(appointment.appeal.registrationNumber, /\d{4}/);
    assert.equal(appointment.instructions.length, 1, 'one instruction given, one put on control');
    const instruction = appointment.instructions[0];
    assert.equal(instruction?.issuerLevel, 'OFFICIAL_AT_RECEPTION');
    assert.equal(instruction.text, instructionText);
    assert.deepEqual(
      instruction.executors.map((e) => e.organization.id),
      [executorOrg],
    );
    assert.equal(appointment.givenInstructions.length, 1);
    assert.equal(appointment.givenInstructions[0]?.executorOrganization.id, executorOrg);

    // From the appeals side: the appeal knows its visit, and the instructions subgraph answers for it.
    const fromAppeal = ok(
      await gql<{ appeal: { id: string; receptionVisit: { id: string } | null; instructions: { id: string }[] } | null }>(
        'query($id: ID!) { appeal(id: $id) { id receptionVisit { id } instructions { id } } }',
        { id: appointment.appeal.id },
        official,
      ),
      'reading the appeal with its visit',
    ).appeal;
    assert.equal(fromAppeal?.receptionVisit?.id, booked.id);
    assert.ok(Array.isArray(fromAppeal.instructions), 'Appeal.instructions resolves');
    // The visit's instruction has the appointment as its basis, not the appeal (DOMAIN.md, "Basis").
    assert.ok(!fromAppeal.instructions.some((i) => i.id === instruction.id), 'the visit instruction is based on the appointment, not on the appeal');

    // The citizen who booked is the applicant: they see their own appeal, registered from the visit.
    const own = ok(
      await gql<{ appeal: { id: string; channel: string } | null }>(
        'query($id: ID!) { appeal(id: $id) { id channel } }',
        { id: appointment.appeal.id },
        citizen,
      ),
      'the citizen reads the appeal from their visit',
    ).appeal;
    assert.equal(own?.id, appointment.appeal.id);

    // The citizen's question is read by those who work on what followed it, and by nobody else:
    // the controller and the instructed organization's executor see the visit, another
    // organization's executor does not, and an appointment with no follow-ups stays closed to both.
    const controller: Caller = { role: 'controller', subject: `e2e-controller-${tag}` };
    const instructed: Caller = { role: 'executor', subject: `e2e-roads-${tag}`, organizationId: executorOrg };
    const otherExecutor: Caller = { role: 'executor', subject: `e2e-health-${tag}`, organizationId: seededOrganizations.health };
    const openAs = (id: string, caller: Caller) =>
      gql<{ appointment: { id: string } | null }>('query($id: ID!) { appointment(id: $id) { id } }', { id }, caller);
    for (const caller of [controller, instructed]) {
      assert.equal(ok(await openAs(booked.id, caller), `${caller.role} opens the visit`).appointment?.id, booked.id);
    }
    const refused = await openAs(booked.id, otherExecutor);
    assert.equal(refused.errors?.[0]?.extensions?.code, 'FORBIDDEN', "another organization's executor may not open the visit");
    assert.equal(refused.data?.appointment ?? null, null);

    for (const caller of [controller, instructed]) {
      const result = await openAs(plain.id, caller);
      assert.equal(result.errors?.[0]?.extensions?.code, 'FORBIDDEN', `${caller.role} may not open an appointment nothing followed`);
    }
  });
});
