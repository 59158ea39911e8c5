import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { controlStates, executorStates, issuerLevels, proposalStates, reportKinds, reportStates } from '../domain/instruction-vocabulary.ts';

// Rows refer to each other by id columns, not ORM relations: every read goes through a
// per-request DataLoader keyed by those ids, which keeps the query count constant per page.
// Without relations the ORM does not order inserts by dependency, so the foreign keys in the
// migration are DEFERRABLE INITIALLY DEFERRED and checked at commit.

/** An instruction on control. `version` guards the aggregate against concurrent reviews and reports. */
export const Instruction = defineEntity({
  name: 'Instruction',
  tableName: 'instruction',
  uniques: [{ name: 'instruction_number_unique', properties: ['issuerLevel', 'number'] }],
  indexes: [
    {
      name: 'instruction_issued',
      columns: [
        { name: 'issued_at', sort: 'DESC' },
        { name: 'id', sort: 'DESC' },
      ],
    },
  ],
  properties: {
    id: p.uuid().primary(),
    number: p.text(),
    issuerLevel: p.enum(issuerLevels),
    issuerName: p.text(),
    issuerPosition: p.text().nullable(),
    issuerOfficialId: p.text().nullable(),
    text: p.text(),
    basisAppealIds: p.array().defaultRaw("'{}'"),
    basisAppointmentId: p.text().nullable(),
    basisSystemicIssueId: p.text().nullable(),
    controlState: p.enum(controlStates),
    reportingPeriodDays: p.integer().nullable(),
    basisAppealClosedWhileOpen: p.boolean().default(false),
    issuedAt: p.datetime(),
    issuedOn: p.date(),
    issuedBySubject: p.text(),
    issuedByRole: p.text(),
    removedAt: p.datetime().nullable(),
    removedBySubject: p.text().nullable(),
    /** Natural key of an instruction created from another service's event (idempotency). */
    sourceKey: p.text().nullable().unique('instruction_source_key_key'),
    version: p.integer().version(),
  },
});
export type Instruction = InferEntity<typeof Instruction>;

/** One executor organization of an instruction, with its own due date and state. */
export const InstructionExecutor = defineEntity({
  name: 'InstructionExecutor',
  tableName: 'instruction_executor',
  uniques: [{ name: 'instruction_executor_instruction_id_organization_id_key', properties: ['instructionId', 'organizationId'] }],
  indexes: [{ name: 'instruction_executor_organization', properties: ['organizationId', 'dueDate'] }],
  properties: {
    id: p.uuid().primary(),
    instructionId: p.uuid().index('instruction_executor_instruction'),
    organizationId: p.text(),
    dueDate: p.date(),
    state: p.enum(executorStates),
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
    instructionId: p.uuid().index('instruction_extension_instruction'),
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
    instructionId: p.uuid().index('execution_report_instruction'),
    organizationId: p.text(),
    kind: p.enum(reportKinds),
    text: p.text(),
    state: p.enum(reportStates),
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
    instructionId: p.uuid().index('inspection_instruction'),
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
    instructionId: p.uuid().index('disciplinary_proposal_instruction'),
    organizationId: p.text(),
    officialName: p.text(),
    officialPosition: p.text(),
    grounds: p.text(),
    state: p.enum(proposalStates),
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
    instructionId: p.uuid().unique('conclusion_instruction_id_key'),
    text: p.text(),
    signedBySubject: p.text(),
    signerRole: p.text(),
    /** The head on whose behalf a substitute signed (R3.1); null when the head signed. */
    signedActingFor: p.text().nullable(),
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

/** Read copy of appeals' register of the head's delegations, built from signing-delegated and -revoked. */
export const DelegationCopy = defineEntity({
  name: 'DelegationCopy',
  tableName: 'delegation_copy',
  indexes: [{ name: 'delegation_copy_substitute', properties: ['substituteSubject'] }],
  properties: {
    id: p.uuid().primary(),
    headSubject: p.text(),
    substituteSubject: p.text(),
    validFrom: p.date(),
    validTo: p.date(),
    revokedAt: p.datetime().nullable(),
  },
});
export type DelegationCopy = InferEntity<typeof DelegationCopy>;

export const instructionEntities = [
  Instruction,
  InstructionExecutor,
  InstructionExtension,
  ExecutionReport,
  Inspection,
  DisciplinaryProposal,
  Conclusion,
  OrganizationCopy,
  DelegationCopy,
];
