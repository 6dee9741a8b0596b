import {
  type Account,
  ActivityCatalogue,
  type Adult,
  type AgendaEntry,
  applicableQuotient,
  type Child,
  Clock,
  describeQuotientSource,
  documentKindLabel,
  enrollmentServices,
  formatFileSize,
  type Household,
  HouseholdId,
  HouseholdNotFound,
  HouseholdRepository,
  LocalDate,
  ParisTime,
  type QuotientRecord,
  type SupportingDocument
} from "@spe/core"
import { Effect, Option, Schema } from "effect"
import type { PortalContext } from "../PortalContext.js"
import { refuse } from "../PortalErrors.js"
import type { PortalKit } from "../PortalKit.js"
import { agentDocumentPath, agentHouseholdPath } from "../PortalPaths.js"

/** The notices shown after an action, by the key the address carries (`?message=foyer-cree`). */
export const notices: Readonly<Record<string, string>> = {
  "foyer-cree":
    "Le foyer est créé. Son identifiant de connexion et un mot de passe provisoire sont envoyés par mail à l'adresse du foyer : la famille les remplacera à sa première connexion.",
  "foyer-modifie": "Les informations du foyer sont enregistrées.",
  "membre-ajoute": "Le membre est ajouté au foyer.",
  "membre-modifie": "Les informations du membre sont enregistrées.",
  "identifiants-envoyes":
    "L'identifiant et un nouveau mot de passe provisoire sont envoyés par mail à l'adresse du foyer ; le mot de passe provisoire précédent ne fonctionne plus.",
  "compte-cree": "Le compte du foyer est créé : son identifiant et un mot de passe provisoire sont envoyés par mail à l'adresse du foyer.",
  "compte-verrouille": "Le compte est verrouillé : la famille ne peut plus se connecter.",
  "compte-deverrouille": "Le compte est déverrouillé : la famille peut à nouveau se connecter.",
  "qf-valide": "Le quotient familial est validé : il s'applique aux tarifs sur sa période de validité.",
  "qf-refuse": "Le quotient familial est refusé ; la famille voit le motif dans « Mes QF/Revenus ».",
  "qf-caf": "Le quotient familial transmis par la CAF est enregistré et validé.",
  "qf-fixe": "Le quotient familial est fixé et validé."
}

/** Shows the notice named by `?message=` (after an action), if it is one of ours. */
export function showNotice(ctx: PortalContext): void {
  const key = ctx.query["message"]
  const notice = typeof key === "string" ? notices[key] : undefined
  if (notice !== undefined) ctx.state.notice = notice
}

/** The address of a page with the notice to show there. */
export const withNotice = (path: string, notice: keyof typeof notices): string => `${path}?message=${notice}`

const decodeOption = <A, I>(schema: Schema.Schema<A, I>) => Schema.decodeUnknownOption(schema)

/** An identifier of the address, refused (404, like an unknown one) when it cannot be one. */
export function idParam<A, I>(ctx: PortalContext, name: string, schema: Schema.Schema<A, I>, notFound: (raw: string) => { readonly _tag: string; readonly message: string }): A {
  const raw = ctx.params[name] ?? ""
  return Option.getOrElse(decodeOption(schema)(raw), () => refuse(notFound(raw)))
}

/** The household of the address (`:householdId`). */
export const householdParam = (ctx: PortalContext): HouseholdId =>
  idParam(ctx, "householdId", HouseholdId, (raw) => new HouseholdNotFound({ householdId: raw }))

/** The household of the address, read from the store (404 when unknown). */
export const loadHousehold = (kit: PortalKit, householdId: HouseholdId): Promise<Household> =>
  kit.run(Effect.flatMap(HouseholdRepository, (households) => households.get(householdId)))

/** Today's date in Paris, from the core's clock. */
export const todayInParis = (kit: PortalKit): Promise<LocalDate.LocalDate> => kit.run(Effect.map(Effect.flatMap(Clock, (clock) => clock.now), ParisTime.dateAt))

/** A text with its first letter in capitals ("Attestation CAF"). */
export const capitalized = (text: string): string => text.charAt(0).toLocaleUpperCase("fr-FR") + text.slice(1)

/** A name in capitals, as the town writes family names. */
export const upper = (text: string) => text.toLocaleUpperCase("fr-FR")

/** Whether the household lives in the town, in French. */
export const residencyLabel = (residency: Household["residency"]) => (residency === "resident" ? "habite la commune" : "n'habite pas la commune (tarif non-résident)")

/** The household's identity as the family sees it in "Mon espace", with its phones and residency. */
export function householdIdentityView(household: Household) {
  const address = household.address
  return {
    id: household.id,
    reference: household.reference,
    familyName: household.familyName,
    href: agentHouseholdPath(household.id),
    names: household.adults.map((a) => `${a.firstName} ${upper(a.lastName)}`),
    addressLines: [address.line1, ...(address.line2 === undefined ? [] : [address.line2]), `${address.postalCode} ${upper(address.city)}`],
    email: household.contact.email,
    phones: household.contact.phones.map((p) => ({ label: p.label ?? "Téléphone", number: p.number })),
    residency: residencyLabel(household.residency)
  }
}

/** A legal guardian as the household's page lists it. */
export const adultView = (householdId: HouseholdId, adult: Adult) => ({
  id: adult.id,
  name: `${adult.firstName} ${upper(adult.lastName)}`,
  relationship: adult.relationship,
  email: adult.email,
  phone: adult.phone,
  isPayer: adult.isPayer,
  href: agentHouseholdPath(householdId, "membres", adult.id)
})

/** A child as the household's page lists it, with its age today. */
export const childView = (householdId: HouseholdId, child: Child, today: LocalDate.LocalDate) => ({
  id: child.id,
  name: `${child.firstName} ${upper(child.lastName)}`,
  firstName: child.firstName,
  birthDate: child.birthDate,
  age: LocalDate.ageOn(child.birthDate, today),
  school: child.school,
  schoolLevel: child.schoolLevel,
  allergies: child.allergies,
  notes: child.notes,
  aeeh: child.aeeh,
  href: agentHouseholdPath(householdId, "membres", child.id)
})

/** Where the review of a QF stands, in French, with a flag per state. */
export const reviewOfQuotient = (record: QuotientRecord) => {
  switch (record.review._tag) {
    case "Pending":
      return { pending: true, label: "en attente de validation" }
    case "Validated":
      return { validated: true, label: `validé le ${ParisTime.formatFr(record.review.at)} par ${record.review.by}` }
    case "Rejected":
      return { rejected: true, label: `refusé le ${ParisTime.formatFr(record.review.at)} par ${record.review.by} : ${record.review.reason}` }
  }
}

/** A QF record as the agents' pages show it: amount, source in words, validity, review. */
export const quotientView = (record: QuotientRecord) => ({
  id: record.id,
  qf: record.qf,
  source: describeQuotientSource(record.source),
  validFrom: record.validFrom,
  validTo: record.validTo,
  submittedAt: record.submittedAt,
  ...reviewOfQuotient(record)
})

/** The QF that applies today and the history, newest first. */
export function quotientsView(records: ReadonlyArray<QuotientRecord>, today: LocalDate.LocalDate) {
  const current = applicableQuotient(records, today)
  return {
    current: Option.isSome(current) ? quotientView(current.value) : undefined,
    history: [...records].reverse().map(quotientView)
  }
}

/** The state of a family account in French: active, waiting for its first login, locked. */
export const accountStatusOf = (account: Account): string =>
  account.disabledAt !== undefined
    ? "verrouillé"
    : account.mustChangeCredentials
      ? "en attente de la première connexion (identifiant et mot de passe provisoires)"
      : "actif"

/** A family account as the household's page shows it, with the addresses of its actions. */
export const accountView = (householdId: HouseholdId, account: Account) => ({
  id: account.id,
  login: account.login,
  email: account.email,
  status: accountStatusOf(account),
  createdAt: account.createdAt,
  credentialsChangedAt: account.credentialsChangedAt,
  lastLoginAt: account.lastLoginAt,
  locked: account.disabledAt !== undefined,
  lockedAt: account.disabledAt,
  mustChangeCredentials: account.mustChangeCredentials,
  activationHref: agentHouseholdPath(householdId, "compte", account.id, "identifiants"),
  lockHref: agentHouseholdPath(householdId, "compte", account.id, "verrouillage")
})

/** The accounts of a household in a few words, for the list of households. */
export const accountsSummary = (accounts: ReadonlyArray<Account>): string =>
  accounts.length === 0 ? "aucun compte" : accounts.map(accountStatusOf).map((s) => s.split(" (")[0]).join(", ")

/** Where the review of a supporting document stands, in French. */
export const documentReviewLabel = (document: SupportingDocument): string => {
  const review = document.review
  switch (review._tag) {
    case "Pending":
      return "en attente de validation"
    case "Accepted":
      return review.validUntil === undefined ? `accepté (valable dès le ${LocalDate.formatFr(review.validFrom)})` : `accepté jusqu'au ${LocalDate.formatFr(review.validUntil)}`
    case "Rejected":
      return `refusé : ${review.reason}`
  }
}

/** A supporting document as a line of a list (kind, file, size, upload, review). */
export const documentLineView = (document: SupportingDocument) => ({
  id: document.id,
  kind: capitalized(documentKindLabel(document.kind)),
  name: document.file.name,
  size: formatFileSize(document.file.sizeBytes),
  uploadedAt: document.uploadedAt,
  review: documentReviewLabel(document),
  pending: document.review._tag === "Pending",
  href: agentDocumentPath(document.id),
  fileHref: agentDocumentPath(document.id, "fichier")
})

/** What an agenda entry says of the child on that session, in French. */
export const agendaStatusLabel = (entry: AgendaEntry): string => {
  const booking = entry.booking
  switch (entry.status) {
    case "attended":
      return booking._tag === "NotBooked" ? "présent sans réservation" : "présent"
    case "absent":
      return entry.absence === undefined ? "absent" : `absence signalée${entry.absence.justified ? " (justifiée)" : ""}`
    case "booked":
      return "réservé"
    case "waitlisted":
      return booking._tag === "Waitlisted" ? `liste d'attente (position ${booking.position})` : "liste d'attente"
    case "offered":
      return booking._tag === "Offered" ? `place proposée jusqu'au ${ParisTime.formatFr(booking.expiresAt)}` : "place proposée"
    case "cancelled":
      return booking._tag === "Cancelled" && booking.late ? "annulé hors délai" : "annulé"
    case "not-booked":
      return "sans réservation"
  }
}

/** A child's agenda entries as lines (date, activity, slot, status). */
export const agendaLines = (entries: ReadonlyArray<AgendaEntry>, activityNames: ReadonlyMap<string, string>) =>
  entries.map((entry) => ({
    date: entry.date,
    activity: activityNames.get(entry.activityId) ?? entry.activityId,
    slot: entry.slot,
    startsAt: entry.startsAt,
    status: agendaStatusLabel(entry)
  }))

/** The names of the activities by id, and the services a family enrolls in. */
export const activityNamesOf = (kit: PortalKit) =>
  kit.run(Effect.map(Effect.flatMap(ActivityCatalogue, (catalogue) => catalogue.list), (activities) => ({
    names: new Map<string, string>(activities.map((a) => [a.id, a.name])),
    services: enrollmentServices(activities)
  })))

/** Where an enrollment stands, in French. */
export const enrollmentStatusLabel = (status: { readonly _tag: string; readonly reason?: string }): string =>
  status._tag === "Accepted" ? "inscrit" : status._tag === "Refused" ? `refusé : ${status.reason ?? ""}` : "demande en attente"
