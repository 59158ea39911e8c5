import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Notification, notificationLanguages } from '@bakylau/platform/notifications/notification';
import {
  appointmentStates,
  officialPositions,
  participantRoles,
  receptionFormats,
  sessionStates,
  visitOutcomes,
  waitingListStates,
} from '../domain/reception-vocabulary.ts';

// Relations are kept as id columns: every relation field is read through a per-request
// DataLoader, so the ORM never lazy-loads behind a resolver's back.

/** An official who receives citizens; `subject` links them to their account for "own sessions". */
export const Official = defineEntity({
  name: 'Official',
  tableName: 'official',
  indexes: [{ name: 'official_organization', properties: ['organizationId'] }],
  properties: {
    id: p.uuid().primary(),
    subject: p.text().nullable(),
    fullName: p.text(),
    position: p.enum(officialPositions),
    title: p.text(),
    organizationId: p.uuid(),
    districtId: p.uuid().nullable(),
    createdAt: p
      .datetime()
      .onCreate(() => new Date())
      .defaultRaw('now()'),
  },
});
export type Official = InferEntity<typeof Official>;

/** An off-site reception plan of a district for a period (R6.4). */
export const ReceptionPlan = defineEntity({
  name: 'ReceptionPlan',
  tableName: 'reception_plan',
  indexes: [{ name: 'reception_plan_district', properties: ['districtId', 'periodFrom'] }],
  properties: {
    id: p.uuid().primary(),
    districtId: p.uuid(),
    organizationId: p.uuid(),
    title: p.text(),
    periodFrom: p.text().columnType('date'),
    periodTo: p.text().columnType('date'),
    createdBy: p.text(),
    createdAt: p
      .datetime()
      .onCreate(() => new Date())
      .defaultRaw('now()'),
  },
});
export type ReceptionPlan = InferEntity<typeof ReceptionPlan>;

export const ReceptionSession = defineEntity({
  name: 'ReceptionSession',
  tableName: 'reception_session',
  indexes: [
    { name: 'reception_session_official', properties: ['officialId', 'startsAt'] },
    { name: 'reception_session_organization', properties: ['organizationId', 'startsAt'] },
    { name: 'reception_session_plan', properties: ['planId', 'startsAt'] },
    { name: 'reception_session_starts', properties: ['startsAt', 'id'] },
  ],
  properties: {
    id: p.uuid().primary(),
    officialId: p.uuid(),
    organizationId: p.uuid(),
    planId: p.uuid().nullable(),
    startsAt: p.datetime(),
    endsAt: p.datetime(),
    format: p.enum(receptionFormats),
    place: p.text().nullable(),
    locality: p.text().nullable(),
    videoLink: p.text().nullable(),
    remoteParty: p.text().nullable(),
    capacity: p.integer(),
    slotMinutes: p.integer(),
    state: p.enum(sessionStates),
    createdBy: p.text(),
    createdAt: p
      .datetime()
      .onCreate(() => new Date())
      .defaultRaw('now()'),
    version: p.integer().version(),
  },
});
export type ReceptionSession = InferEntity<typeof ReceptionSession>;

export const SessionParticipant = defineEntity({
  name: 'SessionParticipant',
  tableName: 'session_participant',
  uniques: [{ name: 'session_participant_session_id_official_id_key', properties: ['sessionId', 'officialId'] }],
  properties: {
    id: p.uuid().primary(),
    sessionId: p.uuid(),
    officialId: p.uuid(),
    role: p.enum(participantRoles),
  },
});
export type SessionParticipant = InferEntity<typeof SessionParticipant>;

export const ReceptionSlot = defineEntity({
  name: 'ReceptionSlot',
  tableName: 'reception_slot',
  uniques: [{ name: 'reception_slot_session_id_number_key', properties: ['sessionId', 'number'] }],
  properties: {
    id: p.uuid().primary(),
    sessionId: p.uuid(),
    number: p.integer(),
    startsAt: p.datetime(),
    endsAt: p.datetime(),
  },
});
export type ReceptionSlot = InferEntity<typeof ReceptionSlot>;

/**
 * A booking of a slot. One slot holds one live booking: the partial unique index
 * `appointment_slot_taken` (migration 0001) enforces it, so concurrent bookings cannot both win.
 */
export const Appointment = defineEntity({
  name: 'Appointment',
  tableName: 'appointment',
  indexes: [
    { name: 'appointment_session', properties: ['sessionId', 'bookedAt'] },
    { name: 'appointment_citizen', properties: ['citizenSubject', 'bookedAt'] },
  ],
  properties: {
    id: p.uuid().primary(),
    sessionId: p.uuid(),
    slotId: p.uuid(),
    citizenSubject: p.text().nullable(),
    citizenName: p.text(),
    citizenPhone: p.text(),
    /** The language the citizen chose for SMS about the appointment. */
    citizenLanguage: p.enum(notificationLanguages).default('RU'),
    topic: p.text(),
    state: p.enum(appointmentStates),
    fromWaitingList: p.boolean().default(false),
    bookedBySubject: p.text(),
    bookedByRole: p.text(),
    bookedAt: p
      .datetime()
      .onCreate(() => new Date())
      .defaultRaw('now()'),
    cancelledAt: p.datetime().nullable(),
    outcomes: p.array<(typeof visitOutcomes)[number]>().default([]),
    referredTo: p.text().nullable(),
    appealRequestedAt: p.datetime().nullable(),
    visitRecordedAt: p.datetime().nullable(),
    appealId: p.uuid().nullable(),
    version: p.integer().version(),
  },
});
export type Appointment = InferEntity<typeof Appointment>;

export const WaitingListEntry = defineEntity({
  name: 'WaitingListEntry',
  tableName: 'waiting_list_entry',
  properties: {
    id: p.uuid().primary(),
    sessionId: p.uuid(),
    citizenSubject: p.text().nullable(),
    citizenName: p.text(),
    citizenPhone: p.text(),
    citizenLanguage: p.enum(notificationLanguages).default('RU'),
    topic: p.text(),
    state: p.enum(waitingListStates),
    joinedAt: p
      .datetime()
      .onCreate(() => new Date())
      .defaultRaw('now()'),
    appointmentId: p.uuid().nullable(),
    version: p.integer().version(),
  },
});
export type WaitingListEntry = InferEntity<typeof WaitingListEntry>;

/** An instruction given at a visit; the instructions subgraph controls it from the event. */
export const VisitInstruction = defineEntity({
  name: 'VisitInstruction',
  tableName: 'visit_instruction',
  indexes: [{ name: 'visit_instruction_appointment', properties: ['appointmentId'] }],
  properties: {
    id: p.uuid().primary(),
    appointmentId: p.uuid(),
    text: p.text(),
    executorOrganizationId: p.uuid(),
    dueDate: p.text().columnType('date'),
    createdAt: p
      .datetime()
      .onCreate(() => new Date())
      .defaultRaw('now()'),
  },
});
export type VisitInstruction = InferEntity<typeof VisitInstruction>;

export const receptionEntities = [
  Official,
  ReceptionPlan,
  ReceptionSession,
  SessionParticipant,
  ReceptionSlot,
  Appointment,
  WaitingListEntry,
  VisitInstruction,
  Notification,
];
