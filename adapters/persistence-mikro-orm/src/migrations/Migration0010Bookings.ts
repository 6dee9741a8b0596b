import { Migration } from "@mikro-orm/migrations"

export class Migration0010Bookings extends Migration {
  override up(): void {
    this.addSql(`
      create table activity_session (
        id text primary key,
        activity_id text not null,
        date date not null,
        starts_at text not null,
        data jsonb not null
      )`)
    this.addSql(`create index activity_session_activity_index on activity_session (activity_id, date, starts_at, id)`)
    this.addSql(`create index activity_session_date_index on activity_session (date, starts_at, id)`)
    this.addSql(`
      create table reservation (
        id text primary key,
        session_id text not null,
        session_date date not null,
        child_id text not null,
        household_id text not null,
        ordinal integer not null,
        active boolean not null,
        data jsonb not null
      )`)
    this.addSql(`create unique index reservation_active_child_unique on reservation (session_id, child_id) where active`)
    this.addSql(`create index reservation_session_index on reservation (session_id, ordinal)`)
    this.addSql(`create index reservation_child_index on reservation (child_id, session_date)`)
    this.addSql(`create index reservation_household_index on reservation (household_id, session_date)`)
    this.addSql(`
      create table waitlist_entry (
        reservation_id text primary key,
        session_id text not null,
        session_date date not null,
        child_id text not null,
        household_id text not null,
        position integer not null,
        offer_expires_at text null,
        data jsonb not null,
        constraint waitlist_entry_position_unique unique (session_id, position) deferrable initially immediate,
        constraint waitlist_entry_child_unique unique (session_id, child_id)
      )`)
    this.addSql(`create index waitlist_entry_child_index on waitlist_entry (child_id, session_date)`)
    this.addSql(`create index waitlist_entry_household_index on waitlist_entry (household_id, session_date)`)
    this.addSql(`create index waitlist_entry_offer_expiry_index on waitlist_entry (offer_expires_at)`)
  }
}
