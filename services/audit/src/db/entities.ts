import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * One audited event. Rows are only ever inserted (the database refuses UPDATE, DELETE and
 * TRUNCATE, see the initial migration); `sequence`, `prevHash` and `hash` form the single chain.
 */
export const AuditEntry = defineEntity({
  name: 'AuditEntry',
  tableName: 'audit_entry',
  indexes: [
    { name: 'audit_entry_entity', properties: ['entityType', 'entityId', 'sequence'] },
    { name: 'audit_entry_recorded', properties: ['recordedAt'] },
    { name: 'audit_entry_type', properties: ['type', 'sequence'] },
  ],
  properties: {
    id: p.uuid().primary(),
    sequence: p.bigint('number').unique('audit_entry_sequence_key'),
    eventId: p.text().unique('audit_entry_event_id_key'),
    type: p.text(),
    source: p.text(),
    entityType: p.text(),
    entityId: p.text(),
    actorSubject: p.text().nullable(),
    actorRole: p.text().nullable(),
    occurredAt: p.datetime(),
    recordedAt: p.datetime(),
    summary: p.json<Record<string, unknown>>(),
    prevHash: p.text(),
    hash: p.text(),
  },
});
export type AuditEntry = InferEntity<typeof AuditEntry>;

/** A breach of a compliance rule; at most one per rule and entity (unique in the database). */
export const ComplianceViolation = defineEntity({
  name: 'ComplianceViolation',
  tableName: 'compliance_violation',
  uniques: [{ name: 'compliance_violation_rule_entity_type_entity_id_key', properties: ['rule', 'entityType', 'entityId'] }],
  indexes: [
    { name: 'compliance_violation_org', properties: ['organizationId', 'occurredAt'] },
    { name: 'compliance_violation_occurred', properties: ['occurredAt', 'id'] },
  ],
  properties: {
    id: p.uuid().primary(),
    rule: p.text(),
    organizationId: p.text(),
    entityType: p.text(),
    entityId: p.text(),
    occurredAt: p.datetime(),
    detectedAt: p.datetime(),
    details: p.text(),
    sourceEventId: p.text(),
  },
});
export type ComplianceViolation = InferEntity<typeof ComplianceViolation>;

/**
 * An extension of an appeal's term, kept until the applicant's notice arrives or the notice
 * term (3 working days, АППК art. 76 part 3) runs out; the sweep turns the latter into EXTENSION_WITHOUT_NOTICE.
 */
export const ExtensionFact = defineEntity({
  name: 'ExtensionFact',
  tableName: 'extension_fact',
  indexes: [{ name: 'extension_fact_appeal', properties: ['appealId'] }],
  properties: {
    id: p.uuid().primary(),
    extensionEventId: p.text().unique('extension_fact_extension_event_id_key'),
    appealId: p.text(),
    organizationId: p.text(),
    extendedAt: p.datetime(),
    noticeDeadline: p.date(),
    noticedAt: p.datetime().nullable(),
    evaluatedAt: p.datetime().nullable(),
  },
});
export type ExtensionFact = InferEntity<typeof ExtensionFact>;

/** An inspection of an organization's record-keeping on appeals (R10.1). */
export const RecordKeepingInspection = defineEntity({
  name: 'RecordKeepingInspection',
  tableName: 'record_keeping_inspection',
  indexes: [
    { name: 'record_keeping_inspection_org', properties: ['organizationId', 'plannedDate'] },
    { name: 'record_keeping_inspection_planned', properties: ['plannedDate', 'id'] },
  ],
  properties: {
    id: p.uuid().primary(),
    organizationId: p.text(),
    plannedDate: p.date(),
    heldDate: p.date().nullable(),
    inspector: p.text(),
    findings: p.text().nullable(),
    violationIds: p.json<string[]>().defaultRaw("'[]'"),
    plannedBy: p.text(),
    createdAt: p.datetime(),
    version: p.integer().version(),
  },
});
export type RecordKeepingInspection = InferEntity<typeof RecordKeepingInspection>;

/** A briefing of newly hired staff on considering appeals (R10.2). */
export const StaffBriefing = defineEntity({
  name: 'StaffBriefing',
  tableName: 'staff_briefing',
  indexes: [{ name: 'staff_briefing_date', properties: ['briefingDate', 'id'] }],
  properties: {
    id: p.uuid().primary(),
    organizationId: p.text(),
    briefingDate: p.date(),
    topic: p.text(),
    attendeesCount: p.integer(),
    recordedBy: p.text(),
    createdAt: p.datetime(),
  },
});
export type StaffBriefing = InferEntity<typeof StaffBriefing>;

/** Local read copy of the organization directory, built from `organization.upserted` events. */
export const KnownOrganization = defineEntity({
  name: 'KnownOrganization',
  tableName: 'known_organization',
  properties: {
    id: p.text().primary(),
    kind: p.text().nullable(),
    parentId: p.text().nullable(),
    active: p.boolean(),
    updatedAt: p.datetime(),
  },
});
export type KnownOrganization = InferEntity<typeof KnownOrganization>;

export const auditEntities = [AuditEntry, ComplianceViolation, ExtensionFact, RecordKeepingInspection, StaffBriefing, KnownOrganization];

/** A reference to an entity another subgraph owns, as the gateway hands it over. */
export type EntityReference = { id: string };

/** The parent of `Organization.compliance`: which organization and period the report covers. */
export type OrganizationComplianceModel = { organizationId: string; from: Date; to: Date };
