import { type Instant, type LoginFailure, LoginFailureLog } from "@spe/core"
import { Effect, Layer } from "effect"

/** Failed logins kept in two lists (per identifier, per address); each call gives a fresh log. */
export function inMemoryLoginFailureLog(): Layer.Layer<LoginFailureLog> {
  let byIdentifier: ReadonlyArray<LoginFailure> = []
  const byAddress: Array<LoginFailure> = []
  const since = (list: ReadonlyArray<LoginFailure>, from: Instant.Instant, keep: (f: LoginFailure) => boolean) =>
    list.filter((f) => keep(f) && f.at >= from).map((f) => f.at)
  return Layer.succeed(LoginFailureLog, {
    record: (failure) =>
      Effect.sync(() => {
        byIdentifier = [...byIdentifier, failure]
        byAddress.push(failure)
      }),
    recentFailures: (identifier, address, from) =>
      Effect.sync(() => ({
        forIdentifier: since(byIdentifier, from, (f) => f.identifier === identifier),
        fromAddress: since(byAddress, from, (f) => f.address === address)
      })),
    clearIdentifier: (identifier) =>
      Effect.sync(() => {
        byIdentifier = byIdentifier.filter((f) => f.identifier !== identifier)
      })
  })
}
