import { demoId } from '@bakylau/platform/demo-ids';
import type { EntityManager } from '@bakylau/platform/db/orm';
import { KnownOrganization, RecordKeepingInspection, StaffBriefing } from '../db/entities.ts';

/** The organizations of appeals' demo seed; the read copy is refreshed by its `organization.upserted` events anyway. */
const appealsSeedId = (key: string) => demoId(`organization:${key}`);

const regionalAkimat = appealsSeedId('akimat');
const taldykorganAkimat = appealsSeedId('akimat-taldykorgan');
const karatalAkimat = appealsSeedId('akimat-karatal');
const demoOrganizations = [
  { id: regionalAkimat, kind: 'REGIONAL_AKIMAT', parentId: null },
  { id: taldykorganAkimat, kind: 'CITY_AKIMAT', parentId: regionalAkimat },
  { id: karatalAkimat, kind: 'DISTRICT_AKIMAT', parentId: regionalAkimat },
];

/**
 * Demo record-keeping for `npm start` (Zhetysu region, Taldykorgan): a planned inspection of the
 * Karatal district akimat and a briefing in the Taldykorgan city akimat. Idempotent: fixed ids,
 * inserted only when missing.
 */

export async function seedAuditDemo(em: EntityManager): Promise<void> {
  const now = new Date();
  for (const organization of demoOrganizations) {
    if (!(await em.findOne(KnownOrganization, { id: organization.id }))) {
      em.create(KnownOrganization, { ...organization, active: true, updatedAt: new Date('2025-01-01T00:00:00Z') });
    }
  }
  const inspectionId = '6f0d3c3e-6a51-4a8e-9b7a-1d2a5e0c0001';
  if (!(await em.findOne(RecordKeepingInspection, { id: inspectionId }))) {
    em.create(RecordKeepingInspection, {
      id: inspectionId,
      organizationId: karatalAkimat,
      plannedDate: '2026-09-15',
      heldDate: null,
      inspector: 'Главный специалист отдела контроля',
      findings: null,
      violationIds: [],
      plannedBy: 'seed',
      createdAt: now,
    });
  }
  const briefingId = '6f0d3c3e-6a51-4a8e-9b7a-1d2a5e0c0002';
  if (!(await em.findOne(StaffBriefing, { id: briefingId }))) {
    em.create(StaffBriefing, {
      id: briefingId,
      organizationId: taldykorganAkimat,
      briefingDate: '2025-09-01',
      topic: 'Порядок рассмотрения обращений (АППК РК) / Өтініштерді қарау тәртібі',
      attendeesCount: 6,
      recordedBy: 'seed',
      createdAt: now,
    });
  }
  await em.flush();
}
