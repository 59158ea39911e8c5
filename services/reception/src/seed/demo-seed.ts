import type { EntityManager } from '@mikro-orm/postgresql';
import { addCalendarDays, civilDateInKazakhstan } from '@bakylau/platform/calendar/index';
import { civilInstant } from '@bakylau/platform/civil-time';
import { Official, ReceptionPlan, ReceptionSession, ReceptionSlot, SessionParticipant } from '../db/entities.ts';
import type { OfficialPosition, ReceptionFormat } from '../domain/reception-vocabulary.ts';
import { generateSlots, sessionEnd } from '../domain/slot-schedule.ts';
import { demoId } from '@bakylau/platform/demo-ids';

/** Zhetysu region, Taldykorgan: the akimat, its apparatus and unit, three district/city akimats. */
const officials: { code: string; fullName: string; position: OfficialPosition; title: string; organization: string; district?: string; subject?: string }[] = [
  { code: 'akim', fullName: 'Исмаилов Бейбут Аманжолович', position: 'AKIM', title: 'Аким области Жетісу', organization: 'akimat' },
  {
    code: 'deputy-social',
    fullName: 'Сарсенбаева Айгуль Кайратовна',
    position: 'DEPUTY_AKIM',
    title: 'Заместитель акима области Жетісу (социальные вопросы)',
    organization: 'akimat',
    subject: 'demo-official-deputy',
  },
  {
    code: 'head-of-apparatus',
    fullName: 'Нурланов Ерлан Серикович',
    position: 'HEAD_OF_APPARATUS',
    title: 'Руководитель аппарата акима области Жетісу',
    organization: 'akimat',
  },
  {
    code: 'appeals-unit-head',
    fullName: 'Жумабекова Динара Маратовна',
    position: 'UNIT_HEAD',
    title: 'Руководитель отдела по контролю за рассмотрением обращений',
    organization: 'appeals-department',
    subject: 'demo-official-unit-head',
  },
  {
    code: 'taldykorgan-akim',
    fullName: 'Абенов Нуржан Бахытович',
    position: 'DISTRICT_AKIM',
    title: 'Аким города Талдыкорган',
    organization: 'akimat-taldykorgan',
    district: 'taldykorgan',
  },
  {
    code: 'karatal-akim',
    fullName: 'Токтаров Асхат Муратович',
    position: 'DISTRICT_AKIM',
    title: 'Аким Каратальского района',
    organization: 'akimat-karatal',
    district: 'karatal',
  },
  {
    code: 'eskeldi-akim',
    fullName: 'Омарова Гульнара Ерлановна',
    position: 'DISTRICT_AKIM',
    title: 'Ескелді ауданының әкімі',
    organization: 'akimat-eskeldi',
    district: 'eskeldi',
  },
];

type DemoSession = {
  code: string;
  official: string;
  daysAhead: number;
  hour: number;
  format: ReceptionFormat;
  place?: string;
  locality?: string;
  videoLink?: string;
  remoteParty?: string;
  plan?: string;
};

const sessions: DemoSession[] = [
  { code: 'akim-weekly', official: 'akim', daysAhead: 7, hour: 10, format: 'IN_PERSON', place: 'г. Талдыкорган, ул. Тауелсиздик, 38, зал приёма' },
  {
    code: 'deputy-vcs-ap',
    official: 'deputy-social',
    daysAhead: 9,
    hour: 15,
    format: 'VIDEOCONFERENCE',
    videoLink: 'https://vcs.zhetysu.gov.kz/room/priem',
    remoteParty: 'Отдел по контролю за рассмотрением обращений Администрации Президента РК',
  },
  {
    code: 'eskeldi-offsite',
    official: 'eskeldi-akim',
    daysAhead: 12,
    hour: 11,
    format: 'OFF_SITE',
    locality: 'с. Карабулак, Ескельдинский район',
    plan: 'eskeldi-quarter',
  },
];

/** Idempotent: every record has a stable id and is created only when missing. */
export async function seedReceptionDemo(em: EntityManager): Promise<void> {
  for (const o of officials) {
    const id = demoId(`official:${o.code}`);
    if (await em.findOne(Official, { id })) continue;
    em.create(Official, {
      id,
      subject: o.subject ?? null,
      fullName: o.fullName,
      position: o.position,
      title: o.title,
      organizationId: demoId(`organization:${o.organization}`),
      districtId: o.district ? demoId(`district:${o.district}`) : null,
    });
  }
  await em.flush();

  const today = civilDateInKazakhstan(new Date());
  const planId = demoId('plan:eskeldi-quarter');
  if (!(await em.findOne(ReceptionPlan, { id: planId }))) {
    em.create(ReceptionPlan, {
      id: planId,
      districtId: demoId('district:eskeldi'),
      organizationId: demoId('organization:akimat-eskeldi'),
      title: 'График выездных приёмов акима Ескельдинского района / Ескелді ауданы әкімінің көшпелі қабылдау кестесі',
      periodFrom: today,
      periodTo: addCalendarDays(today, 90),
      createdBy: 'seed',
    });
  }

  for (const s of sessions) {
    const id = demoId(`session:${s.code}`);
    if (await em.findOne(ReceptionSession, { id })) continue;
    const official = await em.findOneOrFail(Official, { id: demoId(`official:${s.official}`) });
    const startsAt = civilInstant(addCalendarDays(today, s.daysAhead), { hour: s.hour, minute: 0 });
    const capacity = 8;
    const slotMinutes = 15;
    em.create(ReceptionSession, {
      id,
      officialId: official.id,
      organizationId: official.organizationId,
      planId: s.plan ? demoId(`plan:${s.plan}`) : null,
      startsAt,
      endsAt: sessionEnd(startsAt, capacity, slotMinutes),
      format: s.format,
      place: s.place ?? null,
      locality: s.locality ?? null,
      videoLink: s.videoLink ?? null,
      remoteParty: s.remoteParty ?? null,
      capacity,
      slotMinutes,
      state: 'SCHEDULED',
      createdBy: 'seed',
    });
    for (const slot of generateSlots(startsAt, capacity, slotMinutes))
      em.create(ReceptionSlot, { id: demoId(`slot:${s.code}:${slot.number}`), sessionId: id, ...slot });
    if (s.code === 'akim-weekly') {
      // R6.2: the supervising deputy takes part in the akim's reception.
      em.create(SessionParticipant, {
        id: demoId(`participant:${s.code}:deputy-social`),
        sessionId: id,
        officialId: demoId('official:deputy-social'),
        role: 'SUPERVISING_DEPUTY',
      });
    }
  }
  await em.flush();
}
