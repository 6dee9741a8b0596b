import { AccountId, AccountLogin, HouseholdId } from "@spe/core"
import { Schema } from "effect"
import { csrfHeader } from "../ApiAuth.js"
import { json, operation } from "../ApiOperation.js"

/** Who is calling, and (with the session cookie) the token to send in `X-CSRF-Token`. */
export const CallerSessionJson = Schema.Struct({
  authentication: Schema.Literal("token", "session").annotations({ description: "`token`: an API key; `session`: the portal's session cookie." }),
  login: AccountLogin,
  accountId: AccountId,
  householdId: HouseholdId,
  csrfToken: Schema.optionalWith(Schema.String, { exact: true }).annotations({
    description: `With the session cookie only: send it as the \`${csrfHeader}\` header with every request that changes data.`
  })
}).annotations({ identifier: "CallerSession" })

/** `GET /session`: who is calling, and the session's anti-forgery token. */
export const callerSessionOperations = [
  operation({
    method: "get",
    path: "/session",
    operationId: "getSession",
    tag: "Session",
    summary: "Qui appelle l'API",
    description: `L'identifiant du compte et le foyer pour lequel il agit. Avec le cookie de session du portail, donne aussi le jeton anti-falsification à envoyer dans l'en-tête \`${csrfHeader}\` de chaque requête qui modifie des données.`,
    access: "family",
    response: {
      status: 200,
      description: "L'appelant.",
      schema: CallerSessionJson,
      example: { authentication: "session", login: "maman.concerto", accountId: "acc-1", householdId: "hh-1", csrfToken: "3f9c…" }
    },
    problems: [403],
    handle: async ({ caller }) =>
      json({
        authentication: caller.via,
        login: caller.account.login,
        accountId: caller.accountId,
        householdId: caller.householdId,
        ...(caller.csrfToken === undefined ? {} : { csrfToken: caller.csrfToken })
      })
  })
]
