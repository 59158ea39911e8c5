import type { EntityManager } from '@mikro-orm/postgresql';
import { demoId } from '@bakylau/platform/demo-ids';
import { civilDateInKazakhstan, kzWorkingCalendar } from '@bakylau/platform/calendar/index';
import { Instruction, OrganizationCopy } from '../db/entities.ts';
import { createInstruction } from '../use-cases/instruction-records.ts';
import { systemActor } from '../events/instruction-events.ts';

/**
 * Demo organizations of the Zhetysu region (Taldykorgan), with the ids of the appeals seed
 * (`demoId`). These are read copies: appeals owns the directory and its `organization.upserted`
 * events overwrite them.
 */
export const demoOrganizations = [
  { id: demoId('organization:akimat'), name: 'Аппарат акима области Жетісу', kind: 'REGIONAL_AKIMAT', districtId: null },
  { id: demoId('organization:health'), name: 'Управление здравоохранения области Жетісу', kind: 'AKIMAT_UNIT', districtId: null },
  { id: demoId('organization:education'), name: 'Управление образования области Жетісу', kind: 'AKIMAT_UNIT', districtId: null },
  { id: demoId('organization:akimat-taldykorgan'), name: 'Акимат города Талдыкорган', kind: 'CITY_AKIMAT', districtId: demoId('district:taldykorgan') },
  { id: demoId('organization:akimat-karatal'), name: 'Акимат Каратальского района', kind: 'DISTRICT_AKIMAT', districtId: demoId('district:karatal') },
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
      em.create(OrganizationCopy, {
        id: org.id,
        name: org.name,
        kind: org.kind,
        parentId: null,
        districtId: org.districtId,
        active: true,
        updatedAt: new Date(0),
      });
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
