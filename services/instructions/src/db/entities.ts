import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

// Rows refer to each other by id columns, not ORM relations: every read goes through a
// per-request DataLoader keyed by those ids, which keeps the query count constant per page.
// Without relations the ORM does not order inserts by dependency, so the foreign keys in the
// migration are DEFERRABLE INITIALLY DEFERRED and checked at commit.

/** An instruction on control. `version` guards the aggregate against concurrent reviews and reports. */
export const Instruction = defineEntity({
  name: 'Instruction',
  tableName: 'instruction',
  properties: {
    id: p.uuid().primary(),
    number: p.text(),
    issuerLevel: p.text(),
    issuerName: p.text(),
    issuerPosition: p.text().nullable(),
    issuerOfficialId: p.text().nullable(),
    text: p.text(),
    basisAppealIds: p.array(),
    basisAppointmentId: p.text().nullable(),
    basisSystemicIssueId: p.text().nullable(),
    controlState: p.text(),
    reportingPeriodDays: p.integer().nullable(),
    basisAppealClosedWhileOpen: p.boolean().default(false),
    issuedAt: p.datetime(),
    issuedOn: p.date(),
    issuedBySubject: p.text(),
    issuedByRole: p.text(),
    removedAt: p.datetime().nullable(),
    removedBySubject: p.text().nullable(),
    /** Natural key of an instruction created from another service's event (idempotency). */
    sourceKey: p.text().nullable().unique(),
    version: p.integer().version(),
  },
});
export type Instruction = InferEntity<typeof Instruction>;

/** One executor organization of an instruction, with its own due date and state. */
export const InstructionExecutor = defineEntity({
  name: 'InstructionExecutor',
  tableName: 'instruction_executor',
  properties: {
    id: p.uuid().primary(),
    instructionId: p.uuid().index(),
    organizationId: p.text().index(),
    dueDate: p.date(),
    state: p.text(),
    nextReportDue: p.date().nullable(),
    executedOn: p.date().nullable(),
    returnCount: p.integer().default(0),
    /** The due date for which `instruction.overdue` was raised, so it is raised once per due date. */
    overdueNotifiedFor: p.date().nullable(),
  },
});
export type InstructionExecutor = InferEntity<typeof InstructionExecutor>;

export const InstructionExtension = defineEntity({
  name: 'InstructionExtension',
  tableName: 'instruction_extension',
  properties: {
    id: p.uuid().primary(),
    instructionId: p.uuid().index(),
    organizationId: p.text(),
    previousDueDate: p.date(),
    newDueDate: p.date(),
    reason: p.text(),
    decidedBySubject: p.text(),
    decidedAt: p.datetime(),
  },
});
export type InstructionExtension = InferEntity<typeof InstructionExtension>;

export const ExecutionReport = defineEntity({
  name: 'ExecutionReport',
  tableName: 'execution_report',
  properties: {
    id: p.uuid().primary(),
    instructionId: p.uuid().index(),
    organizationId: p.text(),
    kind: p.text(),
    text: p.text(),
    state: p.text(),
    submittedAt: p.datetime(),
    submittedBySubject: p.text(),
    remarks: p.text().nullable(),
    reviewedAt: p.datetime().nullable(),
    reviewedBySubject: p.text().nullable(),
  },
});
export type ExecutionReport = InferEntity<typeof ExecutionReport>;

export type InspectionViolationRecord = {
  description: string;
  organizationId: string | null;
  remedialMeasure: string;
  dueDate: string;
};

export const Inspection = defineEntity({
  name: 'Inspection',
  tableName: 'inspection',
  properties: {
    id: p.uuid().primary(),
    instructionId: p.uuid().index(),
    date: p.date(),
    place: p.text(),
    participants: p.json<string[]>(),
    findings: p.text(),
    evidence: p.json<string[]>(),
    violations: p.json<InspectionViolationRecord[]>(),
    recordedAt: p.datetime(),
    recordedBySubject: p.text(),
  },
});
export type Inspection = InferEntity<typeof Inspection>;

export const DisciplinaryProposal = defineEntity({
  name: 'DisciplinaryProposal',
  tableName: 'disciplinary_proposal',
  properties: {
    id: p.uuid().primary(),
    instructionId: p.uuid().index(),
    organizationId: p.text(),
    officialName: p.text(),
    officialPosition: p.text(),
    grounds: p.text(),
    state: p.text(),
    outcome: p.text().nullable(),
    proposedAt: p.datetime(),
    proposedBySubject: p.text(),
    decidedAt: p.datetime().nullable(),
    decidedBySubject: p.text().nullable(),
  },
});
export type DisciplinaryProposal = InferEntity<typeof DisciplinaryProposal>;

/** At most one per instruction (unique instruction_id). */
export const Conclusion = defineEntity({
  name: 'Conclusion',
  tableName: 'conclusion',
  properties: {
    id: p.uuid().primary(),
    instructionId: p.uuid().unique(),
    text: p.text(),
    signedBySubject: p.text(),
    signerRole: p.text(),
    signedAt: p.datetime(),
  },
});
export type Conclusion = InferEntity<typeof Conclusion>;

/** Read copy of the organization directory owned by appeals, built from `organization.upserted`. */
export const OrganizationCopy = defineEntity({
  name: 'OrganizationCopy',
  tableName: 'organization_copy',
  properties: {
    id: p.text().primary(),
    name: p.text(),
    kind: p.text().nullable(),
    parentId: p.text().nullable(),
    districtId: p.text().nullable(),
    active: p.boolean(),
    updatedAt: p.datetime(),
  },
});
export type OrganizationCopy = InferEntity<typeof OrganizationCopy>;

export const instructionEntities = [
  Instruction,
  InstructionExecutor,
  InstructionExtension,
  ExecutionReport,
  Inspection,
  DisciplinaryProposal,
  Conclusion,
  OrganizationCopy,
];
