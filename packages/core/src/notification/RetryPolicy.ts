import { Schema } from "effect"
import * as Instant from "../shared/Instant.js"

const PositiveInt = Schema.Int.pipe(Schema.positive())

/**
 * When a mail whose sending failed is tried again: after the n-th failed attempt, wait
 * `firstDelaySeconds × multiplier^(n-1)`, never more than `maxDelaySeconds`; after `maxAttempts`
 * attempts the mail is failed for good. A setting of the town.
 *
 * @example
 * const policy = new RetryPolicy({ firstDelaySeconds: 60, multiplier: 2, maxDelaySeconds: 3600, maxAttempts: 8 })
 * retryDelaySeconds(policy, 1) // 60
 * retryDelaySeconds(policy, 3) // 240
 * retryDelaySeconds(policy, 7) // 3600 (capped)
 */
export class RetryPolicy extends Schema.Class<RetryPolicy>("RetryPolicy")(
  Schema.Struct({
    firstDelaySeconds: PositiveInt,
    multiplier: PositiveInt,
    maxDelaySeconds: PositiveInt,
    maxAttempts: PositiveInt
  }).pipe(
    Schema.filter((p) => p.firstDelaySeconds <= p.maxDelaySeconds, {
      message: () => "Le premier délai avant un nouvel essai ne peut pas dépasser le délai maximal."
    })
  )
) {}

/** One minute, doubled each time, at most six hours, twelve attempts (about a day and a half). */
export const defaultRetryPolicy: RetryPolicy = new RetryPolicy({
  firstDelaySeconds: 60,
  multiplier: 2,
  maxDelaySeconds: 6 * 3600,
  maxAttempts: 12
})

/** Seconds to wait after the `attempts`-th failed attempt (1 for the first): non-decreasing, capped. */
export function retryDelaySeconds(policy: RetryPolicy, attempts: number): number {
  let delay = policy.firstDelaySeconds
  if (policy.multiplier === 1) return Math.min(delay, policy.maxDelaySeconds)
  for (let n = 1; n < attempts && delay < policy.maxDelaySeconds; n++) delay *= policy.multiplier
  return Math.min(delay, policy.maxDelaySeconds)
}

/**
 * When to try again a mail whose `attempts`-th attempt failed at `now`, or `null` when it was the
 * last attempt allowed and the mail is failed for good.
 */
export function nextAttemptAfterFailure(policy: RetryPolicy, attempts: number, now: Instant.Instant): Instant.Instant | null {
  if (attempts >= policy.maxAttempts) return null
  return Instant.plusMillis(now, retryDelaySeconds(policy, attempts) * 1000)
}
