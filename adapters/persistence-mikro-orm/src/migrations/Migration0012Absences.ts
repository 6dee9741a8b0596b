import { Migration } from "@mikro-orm/migrations"

export class Migration0012Absences extends Migration {
  override up(): void {
    this.addSql(`
      create table absence (
        id text primary key,
        child_id text not null,
        household_id text not null,
        start_date date not null,
        end_date date not null,
        data jsonb not null
      )`)
    this.addSql(`create index absence_child_index on absence (child_id, start_date)`)
    this.addSql(`create index absence_household_index on absence (household_id, start_date)`)
  }
}
