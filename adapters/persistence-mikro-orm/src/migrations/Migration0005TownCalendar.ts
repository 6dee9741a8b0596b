import { Migration } from "@mikro-orm/migrations"

export class Migration0005TownCalendar extends Migration {
  override up(): void {
    this.addSql(`
      create table town_calendar (
        id text primary key,
        data jsonb not null
      )`)
  }
}
