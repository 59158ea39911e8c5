import { knownObjects, type KnownSchemaObject } from '@bakylau/platform/testkit/schema-drift';

/** What audit's migrations create that no entity describes, and why (checked by test/schema-drift.test.ts). */
export const knownSchemaObjects: KnownSchemaObject[] = [
  {
    kind: 'table',
    name: 'audit_chain_head',
    reason: 'the one-row head of the hash chain, locked and advanced by raw SQL (select … for update) so appends are serialized',
  },
  {
    kind: 'trigger',
    table: 'audit_entry',
    name: 'audit_entry_no_change',
    reason: 'append-only by the database itself: refuses UPDATE and DELETE (its sibling audit_entry_no_truncate is a statement trigger MikroORM does not read)',
  },
  { kind: 'check', table: 'audit_entry', name: 'audit_entry_sequence_check', reason: 'sequence > 0: the chain starts at 1' },
  ...knownObjects('index', 'extension_fact', ['extension_fact_open'], 'partial index (neither noticed nor evaluated): the notice sweep'),
  { kind: 'check', table: 'staff_briefing', name: 'staff_briefing_attendees_count_check', reason: 'attendees_count > 0: a briefing has someone at it' },
];
