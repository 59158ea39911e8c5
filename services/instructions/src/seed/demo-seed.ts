import type { EntityManager } from '@mikro-orm/postgresql';
import { civilDateInKazakhstan, kzWorkingCalendar } from '@bakylau/platform/calendar/index';
import { Instruction, OrganizationCopy } from '../db/entities.ts';
import { createInstruction } from '../use-cases/instruction-records.ts';
import { systemActor } from '../events/instruction-events.ts';

/**
 * Demo organizations of the Zhetysu region (Taldykorgan). These are read copies: the appeals
 * service owns the directory and its `organization.upserted` events overwrite them (same ids in
 * the appeals seed keep both in step).
 */
export const demoOrganizations = [
  { id: '7a1c0000-0000-4000-8000-000000000001', name: 'Аппарат акима области Жетісу (Жетісу облысы әкімінің аппараты)', kind: 'AKIMAT_UNIT', districtId: null },
  { id: '7a1c0000-0000-4000-8000-000000000002', name: 'Управление здравоохранения области Жетісу (Жетісу облысының денсаулық сақтау басқармасы)', kind: 'AKIMAT_UNIT', districtId: null },
  { id: '7a1c0000-0000-4000-8000-000000000003', name: 'Управление образования области Жетісу (Жетісу облысының білім басқармасы)', kind: 'AKIMAT_UNIT', districtId: null },
  { id: '7a1c0000-0000-4000-8000-000000000004', name: 'Аппарат акима города Талдыкорган (Талдықорған қаласы әкімінің аппараты)', kind: 'DISTRICT_AKIMAT', districtId: null },
  { id: '7a1c0000-0000-4000-8000-000000000005', name: 'Аппарат акима Каратальского района (Қаратал ауданы әкімінің аппараты)', kind: 'DISTRICT_AKIMAT', districtId: null },
] as const;

const demoInstructions = [
  {
    key: 'seed:zhetysu:1',
    issuerLevel: 'PA_APPEALS_DEPARTMENT' as const,
    issuerName: 'Отдел по контролю за рассмотрением обращений Администрации Президента',
    issuerPosition: 'Помощник Президента – заведующий Отделом',
    text: 'Рассмотреть коллективное обращение жителей мкр. Самал г. Талдыкорган о ремонте внутриквартальных дорог, принять меры и доложить.',
    executors: [demoOrganizations[3].id],
    term: 20,
    reportingPeriodDays: 10,
  },
  {
    key: 'seed:zhetysu:2',
    issuerLevel: 'AKIM' as const,
    issuerName: 'Аким области Жетісу',
    issuerPosition: 'Аким области',
    text: 'Обеспечить проверку доступности первичной медико-санитарной помощи в сёлах Каратальского района по обращениям граждан.',
    executors: [demoOrganizations[1].id, demoOrganizations[4].id],
    term: 15,
    reportingPeriodDays: null,
  },
];

export async function seedDemoInstructions(em: EntityManager): Promise<void> {
  const now = new Date();
  for (const org of demoOrganizations) {
    if (!(await em.findOne(OrganizationCopy, { id: org.id }))) {
      em.create(OrganizationCopy, { id: org.id, name: org.name, kind: org.kind, parentId: null, districtId: org.districtId, active: true, updatedAt: new Date(0) });
    }
  }
  const today = civilDateInKazakhstan(now);
  for (const demo of demoInstructions) {
    if ((await em.count(Instruction, { sourceKey: demo.key })) > 0) continue;
    const dueDate = kzWorkingCalendar.addWorkingDays(today, demo.term);
    await createInstruction(
      em,
      {
        number: null,
        issuerLevel: demo.issuerLevel,
        issuerName: demo.issuerName,
        issuerPosition: demo.issuerPosition,
        issuerOfficialId: null,
        text: demo.text,
        appealIds: [],
        appointmentId: null,
        systemicIssueId: null,
        executors: demo.executors.map((organizationId) => ({ organizationId, dueDate })),
        reportingPeriodDays: demo.reportingPeriodDays,
        sourceKey: demo.key,
      },
      { actor: systemActor, issuedAt: now, issuedOn: today },
    );
  }
  await em.flush();
}
