import { Migration } from '@mikro-orm/migrations';

/**
 * An official's position and a participant's role are enums in the entities, but the initial
 * migration left them unchecked text: the database now refuses a value outside the list too.
 */
export class ReceptionEnumChecks extends Migration {
  override name = '0003-reception-enum-checks';

  override up(): void {
    this.addSql(`alter table official add constraint official_position_check
      check (position in ('AKIM', 'DEPUTY_AKIM', 'HEAD_OF_APPARATUS', 'DEPUTY_HEAD_OF_APPARATUS', 'UNIT_HEAD', 'DISTRICT_AKIM', 'DEPUTY_DISTRICT_AKIM', 'OTHER'))`);
    this.addSql(`alter table session_participant add constraint session_participant_role_check
      check (role in ('SUPERVISING_DEPUTY', 'DEPUTY_UNIT_HEAD', 'OTHER'))`);
  }

  override down(): void {
    this.addSql('alter table session_participant drop constraint session_participant_role_check');
    this.addSql('alter table official drop constraint official_position_check');
  }
}
