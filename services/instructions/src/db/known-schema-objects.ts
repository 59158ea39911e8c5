import { knownObjects, viaPlainIds, type KnownSchemaObject } from '@bakylau/platform/testkit/schema-drift';

/** What instructions' migrations create that no entity describes, and why (checked by test/schema-drift.test.ts). */
export const knownSchemaObjects: KnownSchemaObject[] = [
  ...['conclusion', 'disciplinary_proposal', 'execution_report', 'inspection', 'instruction_executor', 'instruction_extension'].flatMap((table) =>
    knownObjects('foreignKey', table, [`${table}_instruction_id_fkey`], viaPlainIds),
  ),
  { kind: 'index', table: 'instruction', name: 'instruction_basis_appeals', reason: 'GIN over the basis_appeal_ids array: the instructions of an appeal' },
  {
    kind: 'index',
    table: 'instruction',
    name: 'instruction_basis_appointment',
    reason: 'partial index (basis_appointment_id is not null): the instruction of a visit',
  },
  { kind: 'check', table: 'instruction', name: 'instruction_reporting_period_days_check', reason: 'reporting period between 1 and 90 days' },
];
