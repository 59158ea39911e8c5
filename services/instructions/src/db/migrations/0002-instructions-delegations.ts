import { Migration } from '@mikro-orm/migrations';

/**
 * A read copy of appeals' register of the head's delegations (R3.1), so a substitute may extend
 * instructions and sign conclusions for the head while the delegation stands; a conclusion records
 * on whose behalf it was signed.
 */
export class InstructionsDelegations extends Migration {
  override name = '0002-instructions-delegations';

  override up(): void {
    this.addSql(`create table delegation_copy (
      id uuid primary key,
      head_subject text not null,
      substitute_subject text not null,
      valid_from date not null,
      valid_to date not null,
      revoked_at timestamptz
    )`);
    this.addSql('create index delegation_copy_substitute on delegation_copy (substitute_subject)');
    this.addSql('alter table conclusion add column signed_acting_for text');
  }

  override down(): void {
    this.addSql('alter table conclusion drop column signed_acting_for');
    this.addSql('drop table delegation_copy');
  }
}
