import { Migration } from "@mikro-orm/migrations"

export class Migration0014Accounts extends Migration {
  override up(): void {
    this.addSql(`
      create table account (
        id text primary key,
        login text not null,
        email text null,
        household_id text null,
        data jsonb not null,
        constraint account_login_unique unique (login)
      )`)
    this.addSql(`create index account_email_index on account (email)`)
    this.addSql(`create index account_household_index on account (household_id)`)
    this.addSql(`
      create table audit_record (
        id text primary key,
        at text not null,
        actor_account_id text not null,
        action text not null,
        target_kind text not null,
        target_id text not null,
        outcome text not null,
        data jsonb not null
      )`)
    this.addSql(`create index audit_record_at_index on audit_record (at, id)`)
    this.addSql(`create index audit_record_actor_index on audit_record (actor_account_id, at)`)
    this.addSql(`create index audit_record_action_index on audit_record (action, at)`)
    this.addSql(`create index audit_record_target_index on audit_record (target_kind, target_id, at)`)
    this.addSql(`create index audit_record_outcome_index on audit_record (outcome, at)`)
    this.addSql(`
      create table password_reset_token (
        token_hash text primary key,
        account_id text not null,
        issued_at text not null,
        expires_at text not null,
        used_at text null
      )`)
    this.addSql(`create index password_reset_token_account_index on password_reset_token (account_id)`)
    this.addSql(`
      create table login_failure (
        id text primary key,
        identifier text null,
        address text not null,
        at text not null
      )`)
    this.addSql(`create index login_failure_identifier_index on login_failure (identifier, at)`)
    this.addSql(`create index login_failure_address_index on login_failure (address, at)`)
    this.addSql(`
      create table household_link_code (
        household_id text primary key,
        reference_key text not null,
        data jsonb not null,
        constraint household_link_code_reference_unique unique (reference_key)
      )`)
  }
}
