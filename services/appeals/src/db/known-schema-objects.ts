import { knownObjects, notificationKnownObjects, viaPlainIds, type KnownSchemaObject } from '@bakylau/platform/testkit/schema-drift';

const rawSqlTable = (name: string, why: string): KnownSchemaObject => ({ kind: 'table', name, reason: `read and written by raw SQL only: ${why}` });
const partial = (table: string, name: string, why: string): KnownSchemaObject => ({ kind: 'index', table, name, reason: `partial index: ${why}` });
const oneToFive = knownObjects(
  'check',
  'appeal_review',
  [
    'appeal_review_completeness_check',
    'appeal_review_lawfulness_check',
    'appeal_review_measures_taken_check',
    'appeal_review_timeliness_check',
    'appeal_review_clarity_check',
  ],
  'each criterion of the answer’s review is scored 1 to 5',
);

/** What appeals' migrations create that no entity describes, and why (checked by test/schema-drift.test.ts). */
export const knownSchemaObjects: KnownSchemaObject[] = [
  ...notificationKnownObjects,
  rawSqlTable('registration_counter', 'the per-year gapless number, taken with update … returning in the registration’s transaction'),
  rawSqlTable('appeal_map_rollup', 'the problem map’s day × district × category counts, kept by the appeal_map_rollup trigger'),
  rawSqlTable('appeal_state_change', 'the history of states, written by the appeal_state_* triggers'),
  rawSqlTable('systemic_issue_appeal', 'the evidence appeals of a systemic issue, replaced as a set'),
  rawSqlTable('instruction_fact', 'the semi-annual report’s read model of instructions, upserted from events'),
  rawSqlTable('instruction_fact_executor', 'the same read model’s executors'),
  ...knownObjects(
    'foreignKey',
    'appeal',
    [
      'appeal_category_id_fkey',
      'appeal_district_id_fkey',
      'appeal_duplicate_of_id_fkey',
      'appeal_forwarded_to_id_fkey',
      'appeal_organization_id_fkey',
      'appeal_repeated_of_id_fkey',
    ],
    viaPlainIds,
  ),
  ...knownObjects('foreignKey', 'appeal_answer', ['appeal_answer_appeal_id_fkey', 'appeal_answer_organization_id_fkey'], viaPlainIds),
  ...knownObjects('foreignKey', 'appeal_executor', ['appeal_executor_appeal_id_fkey', 'appeal_executor_organization_id_fkey'], viaPlainIds),
  ...knownObjects('foreignKey', 'appeal_due_date_change', ['appeal_due_date_change_appeal_id_fkey'], viaPlainIds),
  ...knownObjects('foreignKey', 'appeal_rating', ['appeal_rating_appeal_id_fkey'], viaPlainIds),
  ...knownObjects('foreignKey', 'appeal_review', ['appeal_review_appeal_id_fkey'], viaPlainIds),
  ...knownObjects('foreignKey', 'category', ['category_parent_id_fkey'], viaPlainIds),
  ...knownObjects('foreignKey', 'consultation', ['consultation_category_id_fkey'], viaPlainIds),
  ...knownObjects('foreignKey', 'organization', ['organization_district_id_fkey', 'organization_parent_id_fkey'], viaPlainIds),
  ...knownObjects('foreignKey', 'systemic_issue', ['systemic_issue_category_id_fkey', 'systemic_issue_district_id_fkey'], viaPlainIds),
  {
    kind: 'column',
    table: 'appeal',
    name: 'search_vector',
    reason: 'stored generated tsvector (russian and simple configurations) for full-text search; only the search query reads it',
  },
  { kind: 'index', table: 'appeal', name: 'appeal_search', reason: 'GIN over search_vector: full-text search' },
  {
    kind: 'index',
    table: 'appeal',
    name: 'appeal_trigram',
    reason: 'GiST trigram index over an expression (summary and the start of the text): near-duplicates',
  },
  partial('appeal', 'appeal_source_appointment', 'unique where source_appointment_id is not null, one appeal per reception appointment'),
  partial('appeal', 'appeal_open_due', 'open appeals by due date, for the overdue counts'),
  partial('appeal', 'appeal_open311_category', 'only the appeals Open311 may publish, newest first'),
  partial('appeal', 'appeal_akim_control', 'appeals under the akim’s control in the registry’s order'),
  partial('appeal', 'appeal_applicant_iin', 'an applicant’s earlier appeals, rows with an IIN only'),
  partial('appeal_executor', 'appeal_executor_one_lead', 'unique where lead: one lead executor per appeal'),
  partial('systemic_issue', 'systemic_issue_one_proposed', 'unique where PROPOSED: one open proposal per category and district'),
  {
    kind: 'trigger',
    table: 'appeal',
    name: 'appeal_map_rollup',
    reason: 'keeps appeal_map_rollup in the transaction of every change of the counted columns, whichever code path makes it',
  },
  { kind: 'trigger', table: 'appeal', name: 'appeal_state_registered', reason: 'records the first state in appeal_state_change' },
  { kind: 'trigger', table: 'appeal', name: 'appeal_state_changed', reason: 'records every change of state in appeal_state_change' },
  { kind: 'function', name: 'appeal_map_contribute', reason: 'adds or takes one appeal’s counts from the rollup, for the rollup trigger' },
  ...oneToFive,
  { kind: 'check', table: 'signing_delegation', name: 'signing_delegation_check', reason: 'valid_from <= valid_to' },
];
