import { Migration } from "@mikro-orm/migrations"

export class Migration0002Quotients extends Migration {
  override up(): void {
    this.addSql(`
      create table quotient_record (
        id text primary key,
        household_id text not null,
        submitted_at text not null,
        data jsonb not null
      )`)
    this.addSql(`create index quotient_record_household_index on quotient_record (household_id, submitted_at, id)`)
  }
}
