import { fc, test } from "@fast-check/vitest"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { AgentActor, FamilyActor } from "../../src/account/Actor.js"
import * as Instant from "../../src/shared/Instant.js"
import { AbsenceId, AccountId, DocumentId, HouseholdId, MemberId, RequestId } from "../../src/shared/Ids.js"
import { LocalDate } from "../../src/shared/LocalDate.js"
import { Cents } from "../../src/shared/Cents.js"
import type { Request } from "../../src/request/Request.js"
import { decideRequest, openRequest, type RequestCommand } from "../../src/request/RequestLifecycle.js"
import {
  AbsenceJustificationPayload,
  AccountCreationPayload,
  EnrollmentRequestPayload,
  FreeMessagePayload,
  QuotientUpdatePayload,
  SchoolYearName,
  type RequestPayload
} from "../../src/request/RequestPayload.js"
import { allRequestStatuses, type RequestStatus } from "../../src/request/RequestStatus.js"

const household = HouseholdId.make("hh-concerto")
const family = new FamilyActor({ accountId: AccountId.make("acc-anne"), householdId: household })
const otherParent = new FamilyActor({ accountId: AccountId.make("acc-paul"), householdId: household })
const stranger = new FamilyActor({ accountId: AccountId.make("acc-martin"), householdId: HouseholdId.make("hh-martin") })
const newcomer = new FamilyActor({ accountId: AccountId.make("acc-new") })
const agent = new AgentActor({ accountId: AccountId.make("acc-claire"), displayName: "Claire Agent", role: "agent" })
const reader = new AgentActor({ accountId: AccountId.make("acc-marc"), displayName: "Marc Lecteur", role: "reader" })
const start = Instant.unsafe("2026-06-01T07:00:00Z")

const payloads: ReadonlyArray<RequestPayload> = [
  new QuotientUpdatePayload({
    declaration: { _tag: "DeclaredIncome", annualIncomeCents: Cents.make(3_240_000), monthlyBenefitsCents: Cents.make(14_800), adults: 2, children: 2, disabledChildren: 0 },
    effectiveDate: LocalDate.make("2026-09-01"),
    proofDocumentId: DocumentId.make("doc-avis-2025")
  }),
  new EnrollmentRequestPayload({ childId: MemberId.make("hh-concerto-c1"), schoolYear: SchoolYearName.make("2026-2027"), activityFamily: "periscolaire" }),
  new AbsenceJustificationPayload({ absenceId: AbsenceId.make("abs-12"), certificateDocumentId: DocumentId.make("doc-certif") }),
  new FreeMessagePayload({ subject: "Allergie", text: "Notre fille ne mange pas d'arachide." }),
  new AccountCreationPayload({ accountId: AccountId.make("acc-new"), declaredName: "Nadia Nouvelle", householdReference: "FAM-000042" })
]

/** The transitions as the issue states them, written again here independently of the code. */
const expectedNext: Record<Exclude<RequestCommand["_tag"], "PostMessage">, Partial<Record<RequestStatus, RequestStatus>>> = {
  StartReview: { submitted: "inReview" },
  AskForInformation: { submitted: "informationRequested", inReview: "informationRequested" },
  AnswerInformation: { informationRequested: "inReview" },
  Accept: { submitted: "accepted", inReview: "accepted" },
  AcceptByRule: { submitted: "accepted" },
  Refuse: { submitted: "refused", inReview: "refused", informationRequested: "refused" },
  Cancel: { submitted: "cancelled", inReview: "cancelled", informationRequested: "cancelled" }
}
const closed: ReadonlyArray<RequestStatus> = ["accepted", "refused", "cancelled"]

interface Model {
  status: RequestStatus
  historyLength: number
  messages: number
}
interface Real {
  request: Request
  now: Instant.Instant
}

type Actor = FamilyActor | AgentActor
const authorAccount = (actor: Actor | undefined) => (actor === undefined ? undefined : actor.accountId)

class Step implements fc.Command<Model, Real> {
  constructor(
    readonly command: RequestCommand,
    readonly minutesLater: number
  ) {}
  check(): boolean {
    return true
  }
  run(model: Model, real: Real): void {
    const before = real.request
    const now = Instant.plusMinutes(real.now, this.minutesLater)
    real.now = now
    const outcome = decideRequest(before, this.command, now)
    const command = this.command
    const actor: Actor | undefined =
      command._tag === "AcceptByRule" ? undefined : command._tag === "PostMessage" ? command.author : "agent" in command ? command.agent : command.family
    const foreignFamily = actor?._tag === "FamilyActor" && actor.householdId !== before.householdId && actor.accountId !== before.accountId
    const readerAgent = actor?._tag === "AgentActor" && actor.role === "reader"
    const needsHousehold =
      (command._tag === "Accept" || command._tag === "AcceptByRule") && before.householdId === undefined && command.linkToHousehold === undefined
    if (command._tag === "PostMessage") {
      const allowed = !foreignFamily && !readerAgent && !closed.includes(model.status)
      expect(Either.isRight(outcome)).toBe(allowed)
      if (Either.isRight(outcome)) {
        model.messages += 1
        expect(outcome.right.request.status).toBe(before.status)
        expect(outcome.right.request.history).toEqual(before.history)
        expect(outcome.right.request.messages.at(-1)?.author).toMatchObject({ accountId: authorAccount(actor) })
        expect(outcome.right.events.map((e) => e._tag)).toEqual(["RequestMessagePosted"])
        real.request = outcome.right.request
      }
    } else {
      const next = expectedNext[command._tag][model.status]
      const allowed = next !== undefined && !foreignFamily && !readerAgent && !needsHousehold
      expect(Either.isRight(outcome)).toBe(allowed)
      if (Either.isLeft(outcome)) {
        const expectedTag = foreignFamily ? "RequestNotYours" : readerAgent ? "PermissionDenied" : next === undefined ? "RequestChangeNotAllowed" : "HouseholdToLinkMissing"
        expect(outcome.left._tag).toBe(expectedTag)
        expect(outcome.left.message.length).toBeGreaterThan(20)
      } else if (next !== undefined) {
        const after = outcome.right.request
        expect(after.status).toBe(next)
        expect(after.history.length).toBe(before.history.length + 1)
        const entry = after.history.at(-1)
        expect(entry?.from).toBe(before.status)
        expect(entry?.to).toBe(next)
        expect(entry?.at).toBe(now)
        if (actor === undefined) expect(entry?.author._tag).toBe("Automatic")
        else expect(entry?.author).toMatchObject({ _tag: actor._tag === "AgentActor" ? "Agent" : "Family", accountId: actor.accountId })
        expect(outcome.right.events).toHaveLength(1)
        expect(outcome.right.events[0]).toMatchObject({ _tag: "RequestStatusChanged", from: before.status, to: next })
        model.status = next
        model.historyLength += 1
        real.request = after
      }
    }
    expect(allRequestStatuses).toContain(real.request.status)
    expect(real.request.status).toBe(model.status)
    expect(real.request.history.length).toBe(model.historyLength)
    expect(real.request.messages.length).toBe(model.messages)
    if (closed.includes(before.status)) expect(real.request).toBe(before)
  }
  toString(): string {
    return `${this.command._tag}+${this.minutesLater}min`
  }
}

const minutes = fc.integer({ min: 0, max: 3 * 24 * 60 })
const families = fc.constantFrom(family, otherParent, stranger, newcomer)
const agents = fc.constantFrom(agent, agent, reader)
const commandArbitraries = [
  fc.tuple(agents, minutes).map(([a, m]) => new Step({ _tag: "StartReview", agent: a }, m)),
  fc.tuple(agents, fc.constantFrom("Merci de joindre l'avis d'imposition 2025.", "Quel enfant ?"), minutes).map(
    ([a, message, m]) => new Step({ _tag: "AskForInformation", agent: a, message }, m)
  ),
  fc.tuple(families, fc.constantFrom("Voici l'avis.", "Ci-joint."), minutes).map(
    ([f, message, m]) => new Step({ _tag: "AnswerInformation", family: f, message, attachments: [DocumentId.make("doc-extra")] }, m)
  ),
  fc.tuple(agents, fc.option(fc.constant(household), { nil: undefined }), minutes).map(
    ([a, link, m]) => new Step({ _tag: "Accept", agent: a, ...(link === undefined ? {} : { linkToHousehold: link }) }, m)
  ),
  fc.tuple(fc.option(fc.constant(household), { nil: undefined }), minutes).map(
    ([link, m]) => new Step({ _tag: "AcceptByRule", rule: "Code du courrier concordant", ...(link === undefined ? {} : { linkToHousehold: link }) }, m)
  ),
  fc.tuple(agents, fc.constantFrom("Justificatif illisible.", "Hors délai."), minutes).map(
    ([a, reason, m]) => new Step({ _tag: "Refuse", agent: a, reason }, m)
  ),
  fc.tuple(families, minutes).map(([f, m]) => new Step({ _tag: "Cancel", family: f }, m)),
  fc.tuple(fc.oneof(families, agents), fc.constantFrom("Bonjour, où en est ma demande ?", "Nous regardons."), minutes).map(
    ([author, text, m]) => new Step({ _tag: "PostMessage", author, text, attachments: [] }, m)
  )
]

describe("Request lifecycle", () => {
  it("opens a request with its submission as first history entry and its documents attached", () => {
    const payload = payloads[0]
    if (payload === undefined) throw new Error("fixture")
    const opened = openRequest({ id: RequestId.make("req-1"), family, payload, attachments: [DocumentId.make("doc-caf")], message: "Nouvel avis." }, start)
    expect(Either.isRight(opened)).toBe(true)
    if (Either.isRight(opened)) {
      const { request, events } = opened.right
      expect(request.status).toBe("submitted")
      expect(request.householdId).toBe("hh-concerto")
      expect(request.history).toHaveLength(1)
      expect(request.history[0]).toMatchObject({ to: "submitted", message: "Nouvel avis.", author: { _tag: "Family", accountId: "acc-anne" } })
      expect(request.attachments).toEqual(["doc-avis-2025", "doc-caf"])
      expect(events).toHaveLength(1)
    }
    const unlinked = openRequest({ id: RequestId.make("req-2"), family: newcomer, payload }, start)
    expect(Either.isLeft(unlinked) && unlinked.left._tag).toBe("AccountNotLinked")
  })

  it("explains a refused change in French", () => {
    const opened = openRequest({ id: RequestId.make("req-1"), family, payload: payloads[3] ?? new FreeMessagePayload({ subject: "x", text: "y" }) }, start)
    if (Either.isLeft(opened)) throw opened.left
    const accepted = decideRequest(opened.right.request, { _tag: "Accept", agent }, start)
    if (Either.isLeft(accepted)) throw accepted.left
    const cancel = decideRequest(accepted.right.request, { _tag: "Cancel", family }, start)
    expect(Either.isLeft(cancel) && cancel.left.message).toBe(
      "La demande « Message : Allergie » est acceptée : elle est close, il n'est plus possible de l'annuler. Pour une nouvelle question, envoyez un message au Service à la Population depuis « Dernières demandes »."
    )
  })

  test.prop([fc.constantFrom(...payloads), fc.commands(commandArbitraries, { maxCommands: 40 })])(
    "request status machine never reaches an undefined state",
    (payload, commands) => {
      const submitter = payload._tag === "AccountCreation" ? newcomer : family
      const opened = openRequest({ id: RequestId.make("req-1"), family: submitter, payload }, start)
      if (Either.isLeft(opened)) throw opened.left
      fc.modelRun(
        (): { model: Model; real: Real } => ({ model: { status: "submitted", historyLength: 1, messages: 0 }, real: { request: opened.right.request, now: start } }),
        commands
      )
    }
  )
})
