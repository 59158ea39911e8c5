import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Notification, notificationLanguages } from '@bakylau/platform/notifications/notification';
import { appealChannels, appealKinds, appealOutcomes, applicantTypes, excludedProcedures } from '../domain/appeal-kinds.ts';
import { appealStates } from '../domain/appeal-lifecycle.ts';
import { districtKinds, organizationKinds } from '../domain/directory.ts';

// References between rows are plain id columns resolved through per-request DataLoaders, so a
// page of appeals costs one query per relation, never one per row.

export const District = defineEntity({
  name: 'District',
  tableName: 'district',
  properties: {
    id: p.uuid().primary(),
    name: p.text(),
    nameKk: p.text(),
    kind: p.enum(districtKinds),
  },
});
export type District = InferEntity<typeof District>;

export const Category = defineEntity({
  name: 'Category',
  tableName: 'category',
  properties: {
    id: p.uuid().primary(),
    code: p.text().unique('category_code_key'),
    name: p.text(),
    nameKk: p.text(),
    parentId: p.uuid().nullable(),
    active: p.boolean().default(true),
  },
});
export type Category = InferEntity<typeof Category>;

export const Organization = defineEntity({
  name: 'Organization',
  tableName: 'organization',
  indexes: [{ name: 'organization_parent', properties: ['parentId'] }],
  properties: {
    id: p.uuid().primary(),
    name: p.text(),
    nameKk: p.text().nullable(),
    kind: p.enum(organizationKinds),
    parentId: p.uuid().nullable(),
    districtId: p.uuid().nullable(),
    phone: p.text().nullable(),
    email: p.text().nullable(),
    address: p.text().nullable(),
    website: p.text().nullable(),
    active: p.boolean().default(true),
    updatedAt: p.datetime(),
  },
});
export type Organization = InferEntity<typeof Organization>;

export type SignatureData = { signer: string; certificateSerial: string; validFrom: string; validTo: string };
export type AttachmentData = { fileName: string; mediaType: string; sizeBytes: number; storageKey: string };

export const Appeal = defineEntity({
  name: 'Appeal',
  tableName: 'appeal',
  uniques: [{ name: 'appeal_registration_year_registration_sequence_key', properties: ['registrationYear', 'registrationSequence'] }],
  indexes: [
    {
      name: 'appeal_registry',
      columns: [
        { name: 'registered_at', sort: 'DESC' },
        { name: 'id', sort: 'DESC' },
      ],
    },
    { name: 'appeal_organization', properties: ['organizationId'] },
    { name: 'appeal_applicant_subject', properties: ['applicantSubject'] },
    { name: 'appeal_reception_official', properties: ['receptionOfficialSubject'] },
    { name: 'appeal_due_date', properties: ['dueDate'] },
    { name: 'appeal_category_district', properties: ['categoryId', 'districtId', 'registeredAt'] },
  ],
  properties: {
    id: p.uuid().primary(),
    registrationNumber: p.text().unique('appeal_registration_number_key'),
    registrationYear: p.integer(),
    registrationSequence: p.integer(),
    version: p.integer().version(),
    kind: p.enum(appealKinds),
    channel: p.enum(appealChannels),
    state: p.enum(appealStates),
    receivedAt: p.datetime(),
    registeredAt: p.datetime(),
    registeredBy: p.text(),
    /** Who accepted the appeal, as printed on the slip (АППК art. 64): the registrar's name, or the system for self-filing. */
    acceptedByName: p.text().nullable(),
    acceptedByPosition: p.text().nullable(),
    /** The registrar's organization, else the addressee: the body named on the slip (no foreign key: it comes from a token). */
    acceptedByOrganizationId: p.uuid().nullable(),
    termStartDate: p.date(),
    dueDate: p.date(),
    /** False when the due date was counted over a calendar year without entered data (an estimate). */
    dueDateCalendarVerified: p.boolean().default(true),
    forwardingDueDate: p.date(),
    applicantType: p.enum(applicantTypes),
    /** The citizen's subject when the applicant is a platform user (fileAppeal, reception). */
    applicantSubject: p.text().nullable(),
    applicantName: p.text().nullable(),
    applicantIin: p.text().nullable(),
    applicantBin: p.text().nullable(),
    applicantRepresentative: p.text().nullable(),
    applicantPhone: p.text().nullable(),
    applicantEmail: p.text().nullable(),
    applicantAddress: p.text().nullable(),
    /** The language the applicant chose for notices (RU unless they chose KK). */
    applicantLanguage: p.enum(notificationLanguages).default('RU'),
    signatoriesCount: p.integer().nullable(),
    signature: p.json<SignatureData>().nullable(),
    summary: p.text(),
    text: p.text(),
    categoryId: p.uuid().nullable(),
    districtId: p.uuid().nullable(),
    organizationId: p.uuid().nullable(),
    geoLat: p.float().columnType('double precision').nullable(),
    geoLon: p.float().columnType('double precision').nullable(),
    attachments: p.json<AttachmentData[]>().defaultRaw("'[]'"),
    underAkimControl: p.boolean().default(false),
    repeatedOfId: p.uuid().nullable(),
    duplicateOfId: p.uuid().nullable(),
    sourceAppointmentId: p.text().nullable(),
    /** The account of the official at whose reception the appeal was given: their view of the registry (DOMAIN.md, "Roles"). */
    receptionOfficialSubject: p.text().nullable(),
    reworkCount: p.integer().default(0),
    finalDocumentId: p.uuid().nullable(),
    finalText: p.text().nullable(),
    finalOutcome: p.enum(appealOutcomes).nullable(),
    signedBySubject: p.text().nullable(),
    signedByRole: p.text().nullable(),
    signedActingFor: p.text().nullable(),
    signedAt: p.datetime().nullable(),
    forwardedToId: p.uuid().nullable(),
    closureGround: p.text().nullable(),
    excludedProcedure: p.enum(excludedProcedures).nullable(),
    closedAt: p.datetime().nullable(),
    /** Set when `appeal.overdue` was raised, so the event is raised once per appeal. */
    overdueNotifiedAt: p.datetime().nullable(),
    /** Set while a review reopened by the applicant's 'not satisfied' rating awaits the controller's decision. */
    reviewReopenedAt: p.datetime().nullable(),
    updatedAt: p.datetime(),
  },
});
export type Appeal = InferEntity<typeof Appeal>;

export const appealExecutorStates = ['ASSIGNED', 'ANSWER_SUBMITTED', 'RETURNED_FOR_REWORK', 'ACCEPTED'] as const;

export const AppealExecutor = defineEntity({
  name: 'AppealExecutor',
  tableName: 'appeal_executor',
  uniques: [{ name: 'appeal_executor_appeal_id_organization_id_key', properties: ['appealId', 'organizationId'] }],
  indexes: [{ name: 'appeal_executor_organization', properties: ['organizationId'] }],
  properties: {
    id: p.uuid().primary(),
    appealId: p.uuid(),
    organizationId: p.uuid(),
    lead: p.boolean(),
    dueDate: p.date(),
    state: p.enum(appealExecutorStates),
    answerText: p.text().nullable(),
    answerOutcome: p.enum(appealOutcomes).nullable(),
    answeredAt: p.datetime().nullable(),
  },
});
export type AppealExecutor = InferEntity<typeof AppealExecutor>;

export const AppealDueDateChange = defineEntity({
  name: 'AppealDueDateChange',
  tableName: 'appeal_due_date_change',
  indexes: [{ name: 'appeal_due_date_change_appeal', properties: ['appealId'] }],
  properties: {
    id: p.uuid().primary(),
    appealId: p.uuid(),
    dueDate: p.date(),
    reason: p.text(),
    decidedBy: p.text(),
    decidedAt: p.datetime(),
    applicantNoticeDueBy: p.date().nullable(),
  },
});
export type AppealDueDateChange = InferEntity<typeof AppealDueDateChange>;

export const AppealAnswer = defineEntity({
  name: 'AppealAnswer',
  tableName: 'appeal_answer',
  indexes: [{ name: 'appeal_answer_appeal', properties: ['appealId'] }],
  properties: {
    id: p.uuid().primary(),
    appealId: p.uuid(),
    round: p.integer(),
    text: p.text(),
    outcome: p.enum(appealOutcomes),
    organizationId: p.uuid(),
    submittedBy: p.text(),
    submittedAt: p.datetime(),
  },
});
export type AppealAnswer = InferEntity<typeof AppealAnswer>;

export const AppealReview = defineEntity({
  name: 'AppealReview',
  tableName: 'appeal_review',
  indexes: [{ name: 'appeal_review_appeal', properties: ['appealId'] }],
  properties: {
    id: p.uuid().primary(),
    appealId: p.uuid(),
    round: p.integer(),
    completeness: p.integer(),
    lawfulness: p.integer(),
    measuresTaken: p.integer(),
    timeliness: p.integer(),
    clarity: p.integer(),
    passed: p.boolean(),
    decision: p.enum(['ACCEPT', 'RETURN'] as const),
    remarks: p.text().nullable(),
    reworkDueDate: p.date().nullable(),
    reviewedBy: p.text(),
    reviewedAt: p.datetime(),
  },
});
export type AppealReview = InferEntity<typeof AppealReview>;

export const SigningDelegation = defineEntity({
  name: 'SigningDelegation',
  tableName: 'signing_delegation',
  indexes: [{ name: 'signing_delegation_substitute', properties: ['substituteSubject'] }],
  properties: {
    id: p.uuid().primary(),
    headSubject: p.text(),
    substituteSubject: p.text(),
    validFrom: p.date(),
    validTo: p.date(),
    createdAt: p.datetime(),
    /** When the head ended the delegation early; a revoked delegation confers nothing. */
    revokedAt: p.datetime().nullable(),
    revokedBy: p.text().nullable(),
  },
});
export type SigningDelegation = InferEntity<typeof SigningDelegation>;

export const Consultation = defineEntity({
  name: 'Consultation',
  tableName: 'consultation',
  indexes: [
    {
      name: 'consultation_given_at',
      columns: [
        { name: 'given_at', sort: 'DESC' },
        { name: 'id', sort: 'DESC' },
      ],
    },
  ],
  properties: {
    id: p.uuid().primary(),
    topic: p.text(),
    answer: p.text(),
    channel: p.enum(appealChannels),
    categoryId: p.uuid().nullable(),
    recipientName: p.text().nullable(),
    givenBy: p.text(),
    givenAt: p.datetime(),
  },
});
export type Consultation = InferEntity<typeof Consultation>;

/** The applicant's rating of the final answer: one per appeal (unique appeal_id). */
export const AppealRating = defineEntity({
  name: 'AppealRating',
  tableName: 'appeal_rating',
  properties: {
    id: p.uuid().primary(),
    appealId: p.uuid().unique('appeal_rating_appeal_id_key'),
    satisfied: p.boolean(),
    /** Free text of the citizen: personal data, never in an event. */
    comment: p.text().nullable(),
    ratedBy: p.text(),
    ratedAt: p.datetime(),
  },
});
export type AppealRating = InferEntity<typeof AppealRating>;

/**
 * A registry export the graph granted, kept here so its link carries only a random id: no filter or
 * account to read in the URL, and a download claims it once (used_at), before it expires.
 */
export const RegistryExportGrant = defineEntity({
  name: 'RegistryExportGrant',
  tableName: 'registry_export_grant',
  indexes: [{ name: 'registry_export_grant_expires', properties: ['expiresAt'] }],
  properties: {
    id: p.uuid().primary(),
    /** What `grantToJson` writes and `grantFromJson` reads back as strictly as the graph reads its arguments. */
    payload: p.json<Record<string, unknown>>(),
    expiresAt: p.datetime(),
    usedAt: p.datetime().nullable(),
  },
});
export type RegistryExportGrant = InferEntity<typeof RegistryExportGrant>;

export const appealsEntities = [
  District,
  Category,
  Organization,
  Appeal,
  AppealExecutor,
  AppealDueDateChange,
  AppealAnswer,
  AppealReview,
  SigningDelegation,
  Consultation,
  AppealRating,
  Notification,
  RegistryExportGrant,
];
