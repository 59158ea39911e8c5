// Data for the page queries, made through our gateway as users would: registered appeals, some of
// them routed to a department, instructions on some of the newest, and appeals that came from a
// personal-reception visit (reception → Kafka → appeals registers them → reception links them back).
import { civilDateInKazakhstan, kzWorkingCalendar } from '@bakylau/platform/calendar/index';
import { civilInstant } from '@bakylau/platform/civil-time';
import { demoId } from '@bakylau/platform/demo-ids';
import { devToken, gql } from './client.ts';
import { iinPool, pageAcrossSubgraphs, registerAppeal, registrationInput } from './operations.ts';

export type SeedOptions = { appeals: number; assignEvery: number; instructions: number; visits: number; concurrency: number };

export type Seeded = {
  appealIds: string[];
  assigned: number;
  instructions: number;
  visits: number;
  /** Of the newest 50 appeals (the measured page): how many show instructions and a visit. */
  pageOf50: { withInstructions: number; withVisit: number };
};

const organizations = ['health', 'education', 'housing', 'roads'].map((key) => demoId(`organization:${key}`));
/** Executors of instructions: organizations the instructions service's directory copy has at start. */
const instructionExecutors = ['health', 'education'].map((key) => demoId(`organization:${key}`));

async function inBatches<T>(count: number, concurrency: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < count; start += concurrency) {
    const batch = Array.from({ length: Math.min(concurrency, count - start) }, (_, j) => make(start + j));
    results.push(...(await Promise.all(batch)));
  }
  return results;
}

export async function seed(gatewayUrl: string, options: SeedOptions, log: (message: string) => void): Promise<Seeded> {
  const registrar = await devToken('registrar', 'bench-registrar');
  const controller = await devToken('controller', 'bench-controller');
  const official = await devToken('official', 'demo-official-deputy', demoId('organization:akimat'));
  const iins = iinPool(options.appeals);

  const registered = await inBatches(options.appeals, options.concurrency, async (i) => {
    const input = { ...registrationInput(iins[i] ?? '', i), categoryId: demoId('category:01'), districtId: demoId('district:taldykorgan') };
    const data = await gql<{ registerAppeal: { id: string; version: number } }>(gatewayUrl, registerAppeal, { input }, registrar);
    return data.registerAppeal;
  });
  const toAssign = registered.filter((_, i) => i % options.assignEvery === 0);
  await inBatches(toAssign.length, options.concurrency, async (i) => {
    const appeal = toAssign[i];
    if (!appeal) return;
    await gql(
      gatewayUrl,
      `mutation Route($input: AssignAppealInput!) { assignAppeal(input: $input) { id version } }`,
      { input: { appealId: appeal.id, expectedVersion: appeal.version, lead: { organizationId: organizations[i % organizations.length] } } },
      registrar,
    );
  });
  log(`registered ${registered.length} appeals, routed ${toAssign.length}`);

  // Instructions on some of the newest appeals, so the measured page has them.
  const dueDate = kzWorkingCalendar.addWorkingDays(civilDateInKazakhstan(new Date()), 15);
  const newest = registered.slice(-options.instructions * 2).filter((_, i) => i % 2 === 0);
  await inBatches(newest.length, options.concurrency, async (i) => {
    const appeal = newest[i];
    if (!appeal) return;
    await gql(
      gatewayUrl,
      `mutation Issue($input: IssueInstructionInput!) { issueInstruction(input: $input) { id } }`,
      {
        input: {
          issuerLevel: 'AKIM',
          issuerName: 'Аким области Жетісу',
          text: `Проверить и доложить (${i + 1}).`,
          appealIds: [appeal.id],
          executors: [{ organizationId: instructionExecutors[i % instructionExecutors.length], dueDate }],
        },
      },
      controller,
    );
  });
  log(`issued ${newest.length} instructions`);

  // Personal-reception visits whose appeal the appeals service registers from reception's event.
  const startsAt = civilInstant(kzWorkingCalendar.addWorkingDays(civilDateInKazakhstan(new Date()), 3), '16:00');
  const session = (
    await gql<{ publishReceptionSession: { id: string; slots: { id: string }[] } }>(
      gatewayUrl,
      `mutation($input: PublishReceptionSessionInput!) { publishReceptionSession(input: $input) { id slots { id } } }`,
      {
        input: {
          officialId: demoId('official:deputy-social'),
          startsAt: startsAt.toISOString(),
          format: 'IN_PERSON',
          place: 'г. Талдыкорган, зал приёма',
          capacity: options.visits,
          slotMinutes: 15,
        },
      },
      official,
    )
  ).publishReceptionSession;
  // Every slot is booked first: recording the first visit marks the session held, closed to bookings.
  const appointments: string[] = [];
  for (const [i, slot] of session.slots.entries()) {
    const citizen = await devToken('citizen', `bench-citizen-${i}`);
    const booked = (
      await gql<{ bookAppointment: { id: string } }>(
        gatewayUrl,
        `mutation($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }`,
        { input: { slotId: slot.id, topic: `Ремонт дороги во дворе (${i + 1})`, citizenName: 'Айгерим Сапарова', citizenPhone: `+7701765432${i % 10}` } },
        citizen,
      )
    ).bookAppointment;
    appointments.push(booked.id);
  }
  for (const [i, appointmentId] of appointments.entries()) {
    await gql(
      gatewayUrl,
      `mutation($input: RecordVisitInput!) { recordVisit(input: $input) { id } }`,
      {
        input: {
          appointmentId,
          outcomes: ['APPEAL_TO_REGISTER'],
          appeal: { summary: `Просьба отремонтировать дорогу (${i + 1})`, categoryId: demoId('category:01'), districtId: demoId('district:taldykorgan') },
        },
      },
      official,
    );
  }
  log(`recorded ${session.slots.length} reception visits; waiting for their appeals (reception → Kafka → appeals → Kafka → reception)`);

  type Page = { appeals: { edges: { node: { id: string; instructions: unknown[]; receptionVisit: unknown } }[] } };
  let pageOf50: { withInstructions: number; withVisit: number };
  const deadline = Date.now() + 90_000;
  for (;;) {
    const page = await gql<Page>(gatewayUrl, pageAcrossSubgraphs, { first: 50 }, controller);
    const nodes = page.appeals.edges.map((e) => e.node);
    pageOf50 = { withInstructions: nodes.filter((n) => n.instructions.length > 0).length, withVisit: nodes.filter((n) => n.receptionVisit !== null).length };
    if (pageOf50.withVisit >= session.slots.length) break;
    if (Date.now() > deadline) {
      log(`only ${pageOf50.withVisit} of ${session.slots.length} visit appeals arrived within 90 s; going on`);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const appealIds = registered.map((a) => a.id);
  return { appealIds, assigned: toAssign.length, instructions: newest.length, visits: session.slots.length, pageOf50 };
}
