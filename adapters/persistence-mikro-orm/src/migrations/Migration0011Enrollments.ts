import { Migration } from "@mikro-orm/migrations"

export class Migration0011Enrollments extends Migration {
  override up(): void {
    this.addSql(`
      create table enrollment (
        id text primary key,
        child_id text not null,
        household_id text not null,
        school_year text not null,
        enrollment_family text not null,
        status text not null,
        requested_at text not null,
        data jsonb not null
      )`)
    this.addSql(`create index enrollment_child_index on enrollment (child_id, school_year, enrollment_family)`)
    this.addSql(`create index enrollment_household_index on enrollment (household_id, requested_at)`)
    this.addSql(`create index enrollment_status_index on enrollment (status, requested_at)`)
  }
}
