import { Schema } from "effect"
import { HouseholdId, MemberId } from "../shared/Ids.js"
import * as LocalDate from "../shared/LocalDate.js"
import { validate } from "../shared/Validation.js"
import { date, oneOf, optional, required, text, yesNo } from "./FrenchFields.js"
import { SchoolLevel } from "./SchoolLevel.js"

/** Whether a household lives in the town: non-residents may pay a surcharge and book later. */
export const Residency = oneOf(
  ["resident", "non-resident"],
  "Indiquez si le foyer habite la commune (resident) ou non (non-resident)."
).annotations({ identifier: "Residency" })
export type Residency = typeof Residency.Type

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** An email address, trimmed. */
export const EmailAddress = Schema.String.annotations({ message: () => "L'adresse e-mail doit être un texte." }).pipe(
  Schema.compose(Schema.Trim),
  Schema.filter((s) => emailPattern.test(s), {
    message: () => "L'adresse e-mail n'est pas valide : écrivez-la sous la forme prenom.nom@exemple.fr."
  }),
  Schema.maxLength(254, { message: () => "L'adresse e-mail ne doit pas dépasser 254 caractères." })
)

/** A French phone number: ten digits starting with 0, or +33 and nine digits; spaces, dots and dashes allowed. */
export const PhoneNumberText = Schema.String.annotations({ message: () => "Le numéro de téléphone doit être un texte." }).pipe(
  Schema.compose(Schema.Trim),
  Schema.filter((s) => /^(?:0|\+33 ?)[1-9](?:[ .-]?\d{2}){4}$/.test(s), {
    message: () => "Le numéro de téléphone doit compter 10 chiffres, par exemple 02 32 96 95 70 ou +33 6 12 34 56 78."
  })
)

/** A phone number with what it is for ("Portable", "Travail"). */
export const PhoneNumber = Schema.Struct({
  label: optional(text("le libellé du numéro", 40)),
  number: required(PhoneNumberText, "Indiquez le numéro de téléphone.")
}).annotations({ identifier: "PhoneNumber" })
export type PhoneNumber = typeof PhoneNumber.Type

/** A postal address in France. */
export const PostalAddress = Schema.Struct({
  line1: required(text("l'adresse (numéro et rue)", 120), "Indiquez l'adresse (numéro et rue)."),
  line2: optional(text("le complément d'adresse", 120)),
  postalCode: required(
    Schema.String.annotations({ message: () => "Le code postal doit être un texte." }).pipe(
      Schema.compose(Schema.Trim),
      Schema.pattern(/^\d{5}$/, { message: () => "Le code postal compte 5 chiffres, par exemple 76320." })
    ),
    "Indiquez le code postal."
  ),
  city: required(text("la commune", 80), "Indiquez la commune.")
}).annotations({ identifier: "PostalAddress" })
export type PostalAddress = typeof PostalAddress.Type

/** How the town reaches the household: the email the account uses and phone numbers. */
export const ContactDetails = Schema.Struct({
  email: required(EmailAddress, "Indiquez une adresse e-mail : vos identifiants et vos factures y sont envoyés."),
  phones: required(Schema.Array(PhoneNumber), "Indiquez les numéros de téléphone (la liste peut être vide).")
}).annotations({ identifier: "ContactDetails" })
export type ContactDetails = typeof ContactDetails.Type

const adultFields = {
  firstName: required(text("le prénom", 80), "Indiquez le prénom de chaque responsable légal."),
  lastName: required(text("le nom", 80), "Indiquez le nom de chaque responsable légal."),
  /** How the family names the person ("Mère", "Père", "Tuteur"). */
  relationship: optional(text("le lien avec les enfants", 40)),
  email: optional(EmailAddress),
  phone: optional(PhoneNumberText),
  /** The adult to whom invoices are addressed. */
  isPayer: required(yesNo("Le responsable qui paie"), "Indiquez quel responsable légal paie les factures.")
}

const childFields = {
  firstName: required(text("le prénom de l'enfant", 80), "Indiquez le prénom de l'enfant."),
  lastName: required(text("le nom de l'enfant", 80), "Indiquez le nom de l'enfant."),
  birthDate: required(date("la date de naissance"), "Indiquez la date de naissance de l'enfant."),
  /** The school the child attends, if any. */
  school: optional(text("le nom de l'école", 120)),
  /** PS, MS, GS (maternelle), CP … CM2 (élémentaire), 6e … 3e (collège). */
  schoolLevel: optional(SchoolLevel),
  /** The child's family receives the AEEH (disability allowance): half a part more in the QF. */
  aeeh: Schema.optionalWith(yesNo("L'AEEH"), { default: () => false }),
  /** What the agents must know at roll-call (health, who may pick the child up). */
  notes: optional(text("les remarques", 1000)),
  allergies: optional(text("les allergies", 500))
}

/** What is typed about a legal guardian (an adult member without its identifier). */
export const AdultDetails = Schema.Struct(adultFields).annotations({ identifier: "AdultDetails" })
export type AdultDetails = typeof AdultDetails.Type

/** What is typed about a child (a child member without its identifier). */
export const ChildDetails = Schema.Struct(childFields).annotations({ identifier: "ChildDetails" })
export type ChildDetails = typeof ChildDetails.Type

/** A legal guardian of the household's children. */
export class Adult extends Schema.Class<Adult>("Adult")({ id: MemberId, ...adultFields }) {
  get fullName(): string {
    return `${this.firstName} ${this.lastName}`
  }
}

/** A child of the household. */
export class Child extends Schema.Class<Child>("Child")({ id: MemberId, ...childFields }) {
  get fullName(): string {
    return `${this.firstName} ${this.lastName}`
  }
}

const householdFields = {
  /** The town's file number, shown on letters and invoices (e.g. `FAM-000123`). */
  reference: required(
    Schema.String.annotations({ message: () => "La référence du dossier doit être un texte." }).pipe(
      Schema.compose(Schema.Trim),
      Schema.pattern(/^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/, {
        message: () => "La référence du dossier se compose de lettres, de chiffres et de tirets (32 au plus)."
      })
    ),
    "Indiquez la référence du dossier."
  ),
  familyName: required(text("le nom de la famille", 80), "Indiquez le nom de la famille."),
  address: required(PostalAddress, "Indiquez l'adresse du foyer."),
  contact: required(ContactDetails, "Indiquez les coordonnées du foyer."),
  residency: required(Residency, "Indiquez si le foyer habite la commune.")
}

type MembersShape = {
  readonly adults: ReadonlyArray<{ readonly isPayer: boolean }>
  readonly children: ReadonlyArray<unknown>
}

function membersProblems(h: MembersShape): Array<{ path: ReadonlyArray<PropertyKey>; message: string }> {
  const problems: Array<{ path: ReadonlyArray<PropertyKey>; message: string }> = []
  if (h.adults.length === 0) problems.push({ path: ["adults"], message: "Un foyer compte au moins un responsable légal." })
  const payers = h.adults.filter((a) => a.isPayer).length
  if (h.adults.length > 0 && payers !== 1)
    problems.push({
      path: ["adults"],
      message: payers === 0
        ? "Indiquez quel responsable légal paie les factures."
        : "Un seul responsable légal reçoit les factures : choisissez-en un."
    })
  return problems
}

/**
 * A household (foyer): the billed unit, with its legal guardians (one of them pays) and children.
 * Every member has a `MemberId`; exactly one adult is the payer.
 */
export class Household extends Schema.Class<Household>("Household")(
  Schema.Struct({
    id: HouseholdId,
    ...householdFields,
    adults: Schema.Array(Adult),
    children: Schema.Array(Child)
  }).pipe(
    Schema.filter((h) => {
      const problems = membersProblems(h)
      const ids = [...h.adults.map((a) => a.id), ...h.children.map((c) => c.id)]
      if (new Set(ids).size !== ids.length)
        problems.push({ path: ["children"], message: "Deux membres du foyer portent le même identifiant." })
      return problems
    })
  )
) {
  /** The adult invoices are addressed to. */
  get payer(): Adult {
    const payer = this.adults.find((a) => a.isPayer) ?? this.adults[0]
    if (payer === undefined) throw new Error(`Household ${this.id} has no adult`)
    return payer
  }

  /** A child of the household by id. */
  child(id: MemberId): Child | undefined {
    return this.children.find((c) => c.id === id)
  }
}

/** What a family or an agent types to register a household: the household without identifiers. */
export const HouseholdRegistration = Schema.Struct({
  ...householdFields,
  adults: required(Schema.Array(Schema.Struct(adultFields)), "Indiquez les responsables légaux du foyer."),
  children: required(Schema.Array(Schema.Struct(childFields)), "Indiquez les enfants du foyer (la liste peut être vide).")
}).pipe(Schema.filter((h) => membersProblems(h)))
export type HouseholdRegistration = typeof HouseholdRegistration.Type

/** Validates a registration typed by a person; refusals name each field in French. */
export const validateHouseholdRegistration = validate(HouseholdRegistration, "Le dossier du foyer")

/** What an agent edits of a household besides its members: name, address, contact details, residency. */
export const HouseholdDetails = Schema.Struct({
  familyName: householdFields.familyName,
  address: householdFields.address,
  contact: householdFields.contact,
  residency: householdFields.residency
}).annotations({ identifier: "HouseholdDetails" })
export type HouseholdDetails = typeof HouseholdDetails.Type

/** What a family may change itself: its address and its contact details. */
export const ContactChange = Schema.Struct({
  address: optional(PostalAddress),
  contact: optional(ContactDetails)
})
export type ContactChange = typeof ContactChange.Type

/** Validates a change of address or contact details. */
export const validateContactChange = validate(ContactChange, "Les coordonnées du foyer")

/**
 * The rank of a child among the given children (1 = the eldest, ties by id), as sibling
 * reductions count it: pass the household's children who use the activity. A child missing from
 * the list ranks after all of them.
 */
export function siblingRank(
  children: ReadonlyArray<{ readonly id: MemberId; readonly birthDate: LocalDate.LocalDate }>,
  childId: MemberId
): number {
  const ordered = [...children].sort((a, b) => LocalDate.compare(a.birthDate, b.birthDate) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const index = ordered.findIndex((c) => c.id === childId)
  return index < 0 ? ordered.length + 1 : index + 1
}

/** The household was looked up by an identifier no household has. */
export class HouseholdNotFound extends Schema.TaggedError<HouseholdNotFound>()("HouseholdNotFound", {
  householdId: Schema.String
}) {
  override get message(): string {
    return `Aucun foyer ne correspond à l'identifiant ${this.householdId}. Vérifiez le lien suivi ou contactez le Service à la Population.`
  }
}

/** Another household already has this file reference. */
export class HouseholdReferenceTaken extends Schema.TaggedError<HouseholdReferenceTaken>()("HouseholdReferenceTaken", {
  reference: Schema.String,
  householdId: Schema.String
}) {
  override get message(): string {
    return `La référence de dossier ${this.reference} est déjà celle d'un autre foyer. Choisissez une autre référence ou ouvrez le dossier existant.`
  }
}
