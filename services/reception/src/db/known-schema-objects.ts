import { knownObjects, notificationKnownObjects, viaPlainIds, type KnownSchemaObject } from '@bakylau/platform/testkit/schema-drift';

/** What reception's migrations create that no entity describes, and why (checked by test/schema-drift.test.ts). */
export const knownSchemaObjects: KnownSchemaObject[] = [
  ...notificationKnownObjects,
  ...knownObjects('foreignKey', 'appointment', ['appointment_session_id_fkey', 'appointment_slot_id_fkey'], viaPlainIds),
  ...knownObjects('foreignKey', 'reception_session', ['reception_session_official_id_fkey', 'reception_session_plan_id_fkey'], viaPlainIds),
  ...knownObjects('foreignKey', 'reception_slot', ['reception_slot_session_id_fkey'], viaPlainIds),
  ...knownObjects('foreignKey', 'session_participant', ['session_participant_official_id_fkey', 'session_participant_session_id_fkey'], viaPlainIds),
  ...knownObjects('foreignKey', 'visit_instruction', ['visit_instruction_appointment_id_fkey'], viaPlainIds),
  ...knownObjects('foreignKey', 'waiting_list_entry', ['waiting_list_entry_appointment_id_fkey', 'waiting_list_entry_session_id_fkey'], viaPlainIds),
  { kind: 'index', table: 'official', name: 'official_subject', reason: 'partial unique index (subject is not null): one official record per account' },
  {
    kind: 'index',
    table: 'appointment',
    name: 'appointment_slot_taken',
    reason: 'partial unique index (booked or attended): one live booking per slot, so two concurrent bookings cannot both win',
  },
  {
    kind: 'index',
    table: 'appointment',
    name: 'appointment_citizen_per_session',
    reason: 'partial unique index (booked, with a subject): one live booking per citizen and session',
  },
  {
    kind: 'index',
    table: 'appointment',
    name: 'appointment_appeal',
    reason: 'partial unique index (appeal_id is not null): one appointment per registered appeal',
  },
  { kind: 'index', table: 'waiting_list_entry', name: 'waiting_list_queue', reason: 'partial index (state = WAITING): the queue in joining order' },
  { kind: 'check', table: 'reception_plan', name: 'reception_plan_check', reason: 'period_from <= period_to' },
  { kind: 'check', table: 'reception_session', name: 'reception_session_capacity_check', reason: 'capacity between 1 and 100' },
  { kind: 'check', table: 'reception_session', name: 'reception_session_slot_minutes_check', reason: 'slot length between 5 and 120 minutes' },
];
