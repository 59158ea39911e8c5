import { Migration } from '@mikro-orm/migrations';
import { createNotificationTable, dropNotificationTable } from '@bakylau/platform/notifications/notification-migration';

/** The citizen's language for SMS about their appointment, and the notices with their delivery record. */
export class ReceptionCitizenNotices extends Migration {
  override name = '0002-reception-citizen-notices';

  override up(): void {
    for (const table of ['appointment', 'waiting_list_entry']) {
      this.addSql(`alter table ${table} add column citizen_language text not null default 'RU' check (citizen_language in ('RU', 'KK'))`);
    }
    createNotificationTable(this);
  }

  override down(): void {
    dropNotificationTable(this);
    for (const table of ['appointment', 'waiting_list_entry']) this.addSql(`alter table ${table} drop column citizen_language`);
  }
}
