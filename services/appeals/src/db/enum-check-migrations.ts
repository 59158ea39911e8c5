import { Migration } from '@mikro-orm/migrations';

const checks: [table: string, column: string, values: string[]][] = [
  ['appeal', 'kind', ['APPLICATION', 'COMPLAINT', 'PROPOSAL', 'RESPONSE', 'REQUEST', 'REPORT']],
  ['appeal', 'channel', ['POST', 'HAND_DELIVERY', 'ELECTRONIC', 'E_OTINISH', 'PERSONAL_RECEPTION', 'HOTLINE']],
  [
    'appeal',
    'state',
    [
      'REGISTERED',
      'ASSIGNED',
      'IN_PROGRESS',
      'ANSWER_SUBMITTED',
      'UNDER_REVIEW',
      'RETURNED_FOR_REWORK',
      'ANSWERED',
      'FORWARDED',
      'LEFT_WITHOUT_CONSIDERATION',
      'REDIRECTED_EXCLUDED',
      'WITHDRAWN',
    ],
  ],
  ['appeal', 'applicant_type', ['INDIVIDUAL', 'LEGAL_ENTITY', 'ANONYMOUS', 'COLLECTIVE']],
  ['appeal', 'final_outcome', ['SATISFIED', 'PARTLY_SATISFIED', 'EXPLAINED', 'REJECTED']],
  ['appeal', 'excluded_procedure', ['ADMINISTRATIVE_OFFENCES', 'CRIMINAL_PROCEDURE', 'CIVIL_PROCEDURE']],
  ['appeal_answer', 'outcome', ['SATISFIED', 'PARTLY_SATISFIED', 'EXPLAINED', 'REJECTED']],
  ['appeal_executor', 'state', ['ASSIGNED', 'ANSWER_SUBMITTED', 'RETURNED_FOR_REWORK', 'ACCEPTED']],
  ['appeal_executor', 'answer_outcome', ['SATISFIED', 'PARTLY_SATISFIED', 'EXPLAINED', 'REJECTED']],
  ['consultation', 'channel', ['POST', 'HAND_DELIVERY', 'ELECTRONIC', 'E_OTINISH', 'PERSONAL_RECEPTION', 'HOTLINE']],
  ['organization', 'kind', ['REGIONAL_AKIMAT', 'AKIMAT_UNIT', 'DISTRICT_AKIMAT', 'CITY_AKIMAT', 'RURAL_AKIMAT', 'STATE_BODY', 'PARTNER_AGENCY']],
];

/**
 * The entities declare these columns as enums, but the earlier migrations left them unchecked
 * text: the database now refuses a value outside the list too. The lists are written out (not
 * imported from the domain) so this migration means the same whatever the domain becomes.
 */
export class AppealsEnumChecks extends Migration {
  override up(): void {
    for (const [table, column, values] of checks) {
      this.addSql(`alter table ${table} add constraint ${table}_${column}_check check (${column} in (${values.map((v) => `'${v}'`).join(', ')}))`);
    }
  }

  override down(): void {
    for (const [table, column] of checks.toReversed()) this.addSql(`alter table ${table} drop constraint ${table}_${column}_check`);
  }
}
