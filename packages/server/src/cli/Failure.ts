import { Cause, type Exit, Option } from "effect"
import { TownUnavailable } from "../Town.js"

/** A failure people can act on, with its French message (no stack trace). */
export class CommandFailed extends Error {
  override readonly name = "CommandFailed"
}

const pgMessages: Record<string, string> = {
  "3D000": "cette base n'existe pas sur le serveur PostgreSQL (créez-la, ou corrigez DATABASE_URL)",
  "28P01": "le serveur PostgreSQL refuse l'utilisateur ou le mot de passe",
  "28000": "le serveur PostgreSQL refuse cette connexion",
  "42P01": "une table manque : la base n'est pas à jour (lancez spe migrate)",
  "57P01": "le serveur PostgreSQL s'est arrêté pendant la commande"
}

/** A French sentence for a failure: ours as they are, the database's explained, anything else with its message. */
export function describeFailure(error: unknown): string {
  if (error instanceof CommandFailed || error instanceof TownUnavailable) return error.message
  const e = (typeof error === "object" && error !== null ? error : {}) as { code?: string; message?: string; errors?: ReadonlyArray<unknown> }
  const code = e.code ?? (e.errors?.[0] as { code?: string } | undefined)?.code
  if (code !== undefined && pgMessages[code] !== undefined) return `Base de données : ${pgMessages[code]}.`
  if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "ETIMEDOUT" || code === "EAI_AGAIN")
    return `Base de données injoignable (${code}) : vérifiez que le serveur PostgreSQL tourne et que DATABASE_URL le désigne.`
  const message = e.message ?? String(error)
  if (/ECONNREFUSED/.test(message)) return "Base de données injoignable : vérifiez que le serveur PostgreSQL tourne et que DATABASE_URL le désigne."
  return `Échec inattendu : ${message.split("\n")[0]}`
}

/** What to throw for a failed use case: its typed error as a `CommandFailed` with its French message, a defect as it is. */
export function failureOf<A, E>(exit: Exit.Failure<A, E>, what: string): unknown {
  const failure = Cause.failureOption(exit.cause)
  if (Option.isNone(failure)) return Cause.squash(exit.cause)
  const message = (failure.value as { readonly message?: unknown }).message
  return new CommandFailed(`${what} : ${typeof message === "string" && message !== "" ? message : String(failure.value)}`)
}
