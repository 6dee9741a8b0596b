import { Migration } from "@mikro-orm/migrations"

export class Migration0013Attendance extends Migration {
  override up(): void {
    this.addSql(`
      create table attendance_record (
        session_id text not null,
        child_id text not null,
        household_id text not null,
        date date not null,
        data jsonb not null,
        primary key (session_id, child_id)
      )`)
    this.addSql(`create index attendance_record_child_index on attendance_record (child_id, date)`)
    this.addSql(`create index attendance_record_household_index on attendance_record (household_id, date)`)
    this.addSql(`create index attendance_record_date_index on attendance_record (date)`)
  }
}
