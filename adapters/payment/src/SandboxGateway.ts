import { randomUUID } from "node:crypto"
import { type Cents, type GatewayOutcome, PaymentGateway, type PaymentIntent } from "@spe/core"
import { type Context, Effect, Layer, Option } from "effect"

/** What the family chooses on the portal's sandbox page. */
export type SandboxChoice = "card" | "directDebit" | "refused" | "cancelled"

/** An operation of the sandbox: what is to be paid, and what was chosen. */
export interface SandboxOperation {
  readonly operationId: string
  readonly amount: Cents.Cents
  readonly invoiceNumbers: ReadonlyArray<string>
  readonly payerEmail: string
  readonly choice: Option.Option<SandboxChoice>
}

/** An in-process payment gateway for demos: no network, no money; the portal's own page decides the outcome. */
export interface SandboxGateway {
  readonly service: Context.Tag.Service<typeof PaymentGateway>
  readonly layer: Layer.Layer<PaymentGateway>
  /** Records the family's choice; `false` for an unknown operation or one already decided. */
  readonly choose: (operationId: string, choice: SandboxChoice) => boolean
  readonly operation: (operationId: string) => Option.Option<SandboxOperation>
  readonly operations: () => ReadonlyArray<SandboxOperation>
}

/** French labels of the sandbox choices, for the portal's page. */
export const SANDBOX_CHOICE_LABELS: Record<SandboxChoice, string> = {
  card: "Payer par carte",
  directDebit: "Prélèvement",
  refused: "Refuser",
  cancelled: "Annuler"
}

function outcomeOf(operation: SandboxOperation): GatewayOutcome {
  if (Option.isNone(operation.choice)) return { _tag: "Unknown" }
  switch (operation.choice.value) {
    case "card":
    case "directDebit":
      return { _tag: "Paid", method: operation.choice.value, amount: operation.amount }
    case "refused":
      return { _tag: "Refused" }
    case "cancelled":
      return { _tag: "Cancelled" }
  }
}

/**
 * A sandbox gateway: `initiate` sends the family to `<pageUrl>?idop=<operation>` (the portal's own
 * sandbox page, an absolute URL), `confirm` answers what was chosen there, `Unknown` before.
 */
export function makeSandboxGateway(options: { readonly pageUrl: string }): SandboxGateway {
  const operations = new Map<string, SandboxOperation>()
  const separator = options.pageUrl.includes("?") ? "&" : "?"
  const service: Context.Tag.Service<typeof PaymentGateway> = {
    initiate: (intent: PaymentIntent) =>
      Effect.sync(() => {
        const operationId = `sandbox-${randomUUID()}`
        operations.set(operationId, {
          operationId,
          amount: intent.amount,
          invoiceNumbers: intent.invoiceNumbers,
          payerEmail: intent.payerEmail,
          choice: Option.none()
        })
        return { operationId, redirectUrl: `${options.pageUrl}${separator}idop=${encodeURIComponent(operationId)}` }
      }),
    confirm: (operationId) =>
      Effect.sync(() => {
        const operation = operations.get(operationId)
        return operation === undefined ? ({ _tag: "Unknown" } as const) : outcomeOf(operation)
      })
  }
  return {
    service,
    layer: Layer.succeed(PaymentGateway, service),
    choose: (operationId, choice) => {
      const operation = operations.get(operationId)
      if (operation === undefined || Option.isSome(operation.choice)) return false
      operations.set(operationId, { ...operation, choice: Option.some(choice) })
      return true
    },
    operation: (operationId) => Option.fromNullable(operations.get(operationId)),
    operations: () => [...operations.values()]
  }
}
