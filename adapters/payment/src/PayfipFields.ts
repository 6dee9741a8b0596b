import { Cents, type GatewayOutcome } from "@spe/core"
import { Either, ParseResult, Schema } from "effect"
import { type PayfipFieldProblem, PayfipRequestInvalid } from "./PayfipErrors.js"

/** PayFiP's smallest online amount: €1, in cents. */
export const PAYFIP_MINIMUM_CENTS = Cents.cents(100)
/** PayFiP's largest online amount: €100,000, in cents. */
export const PAYFIP_MAXIMUM_CENTS = Cents.cents(10_000_000)
/** Minutes an `idOp` stays valid at PayFiP. */
export const PAYFIP_OPERATION_VALIDITY_MINUTES = 15

const required = <A, I>(schema: Schema.Schema<A, I>, name: string) =>
  Schema.propertySignature(schema).annotations({ missingMessage: () => `Le champ ${name} est obligatoire.` })

const isHttpUrl = (value: string): boolean => {
  if (!/^[\x21-\x7E]{1,2000}$/.test(value) || !URL.canParse(value)) return false
  const protocol = new URL(value).protocol
  return protocol === "http:" || protocol === "https:"
}

/** PayFiP client number: exactly 6 digits. */
export const Numcli = Schema.String.pipe(
  Schema.pattern(/^\d{6}$/, { message: () => "Le numéro de client PayFiP compte exactement 6 chiffres (par exemple 012345)." })
)
/** The financial year of the debt, 4 digits. */
export const Exer = Schema.String.pipe(
  Schema.pattern(/^\d{4}$/, { message: () => "L'exercice est une année sur 4 chiffres (par exemple 2026)." })
)
/** The debt reference: 1 to 30 letters or digits (the invoice number without its dashes). */
export const Refdet = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z0-9]{1,30}$/, {
    message: () => "La référence de la dette compte de 1 à 30 lettres ou chiffres, sans espace, tiret ni accent (par exemple F2026000001)."
  })
)
/** The amount in cents, €1 to €100,000. */
export const Montant = Schema.String.pipe(
  Schema.filter((s) => /^[1-9]\d{0,8}$/.test(s) && Number(s) >= PAYFIP_MINIMUM_CENTS && Number(s) <= PAYFIP_MAXIMUM_CENTS, {
    message: (issue) => {
      const actual = String(issue.actual)
      return /^[1-9]\d{0,8}$/.test(actual)
        ? `PayFiP accepte les montants de ${Cents.formatEuros(PAYFIP_MINIMUM_CENTS)} à ${Cents.formatEuros(PAYFIP_MAXIMUM_CENTS)} ; ${Cents.formatEuros(Cents.cents(Number(actual)))} ne peut pas être payé en ligne.`
        : `Le montant s'écrit en centimes entiers, de 100 (1 €) à 10000000 (100 000 €) ; « ${actual} » ne convient pas.`
    }
  })
)
/** The payer's e-mail address, 6 to 80 characters. */
export const Mel = Schema.String.pipe(
  Schema.filter((s) => s.length >= 6 && s.length <= 80 && /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/.test(s), {
    message: () => "L'adresse e-mail du payeur doit être une adresse valide de 6 à 80 caractères (par exemple prenom.nom@exemple.fr)."
  })
)
/** The object shown to the payer: 1 to 100 letters, digits and single spaces, without accents. */
export const Objet = Schema.String.pipe(
  Schema.filter((s) => s.length >= 1 && s.length <= 100 && /^[A-Za-z0-9]+(?: [A-Za-z0-9]+)*$/.test(s), {
    message: () => "L'objet compte de 1 à 100 caractères : lettres sans accent, chiffres et espaces simples."
  })
)
/** The mode of the operation: T (test), X (activation), W (production). */
export type Saisie = "T" | "X" | "W"
/** The mode of the operation: T (test), X (activation), W (production). */
export const Saisie = Schema.String.pipe(
  Schema.filter((s): s is Saisie => s === "T" || s === "X" || s === "W", {
    message: () => "Le mode de saisie est T (test), X (activation) ou W (production)."
  })
)
/** An absolute http(s) URL the service calls or sends the family back to. */
export const HttpUrl = Schema.String.pipe(
  Schema.filter(isHttpUrl, { message: () => "L'adresse doit être une URL complète en http:// ou https://, sans espace ni accent (encodez-les)." })
)
/** A PayFiP operation number, as the service issues them. */
export const IdOp = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z0-9-]{1,64}$/, { message: () => "Le numéro d'opération (idOp) compte de 1 à 64 lettres, chiffres ou tirets." })
)

/** The `arg0` of `creerPaiementSecurise`, as sent on the wire (every field a string). */
export const CreerPaiementSecurise = Schema.Struct({
  exer: required(Exer, "exer"),
  mel: required(Mel, "mel"),
  montant: required(Montant, "montant"),
  numcli: required(Numcli, "numcli"),
  objet: required(Objet, "objet"),
  refdet: required(Refdet, "refdet"),
  saisie: required(Saisie, "saisie"),
  urlnotif: required(HttpUrl, "urlnotif"),
  urlredirect: required(HttpUrl, "urlredirect")
})
export type CreerPaiementSecurise = typeof CreerPaiementSecurise.Type

/** The fields of `creerPaiementSecurise`, in the WSDL's order. */
export const CREER_FIELDS = ["exer", "mel", "montant", "numcli", "objet", "refdet", "saisie", "urlnotif", "urlredirect"] as const

/** The `return` of `recupererDetailPaiementSecurise`, in the WSDL's order. */
export const DETAIL_FIELDS = [
  "dattrans",
  "heurtrans",
  "exer",
  "idOp",
  "mel",
  "montant",
  "numauto",
  "numcli",
  "objet",
  "refdet",
  "resultrans",
  "saisie"
] as const

/** What PayFiP says of an operation (`recupererDetailPaiementSecurise`), every field as sent. */
export type DetailPaiementSecurise = { readonly [K in (typeof DETAIL_FIELDS)[number]]: string }

/** The result of an operation: P paid by card, V paid by direct debit, R/Z refused, A cancelled. */
export type Resultrans = "P" | "V" | "R" | "Z" | "A"

function problemsOf(error: ParseResult.ParseError): ReadonlyArray<PayfipFieldProblem> {
  return ParseResult.ArrayFormatter.formatErrorSync(error).map((issue) => ({
    field: issue.path.map(String).join(".") || "arg0",
    message: issue.message
  }))
}

const decodeCreer = Schema.decodeUnknownEither(CreerPaiementSecurise, { errors: "all", onExcessProperty: "ignore" })

/** Checks wire fields of `creerPaiementSecurise` as the service does; every refused field has a French message. */
export function checkCreerPaiementSecurise(fields: unknown): Either.Either<CreerPaiementSecurise, PayfipRequestInvalid> {
  return Either.mapLeft(decodeCreer(fields), (error) => new PayfipRequestInvalid({ operation: "creerPaiementSecurise", problems: problemsOf(error) }))
}

const decodeIdOp = Schema.decodeUnknownEither(IdOp)

/** Checks an operation number before asking the service about it. */
export function checkIdOp(idOp: unknown): Either.Either<string, PayfipRequestInvalid> {
  return Either.mapLeft(
    decodeIdOp(idOp),
    (error) => new PayfipRequestInvalid({ operation: "recupererDetailPaiementSecurise", problems: problemsOf(error).map((p) => ({ ...p, field: "idOp" })) })
  )
}

const LIGATURES: Record<string, string> = { "œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L" }

/**
 * The object as PayFiP takes it: accents removed (é → e, œ → oe), every other sign replaced by a
 * space, spaces collapsed and trimmed. Does not cut: an object still over 100 characters is refused.
 */
export function normalizeObjet(objet: string): string {
  return objet
    .replace(/[œŒæÆßøØđĐłŁ]/g, (c) => LIGATURES[c] ?? c)
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[^A-Za-z0-9]+/g, " ")
    .trim()
}

/** The object cut at a word boundary to at most `max` characters (100 for PayFiP). */
export function truncateObjet(objet: string, max = 100): string {
  if (objet.length <= max) return objet
  const cut = objet.slice(0, max + 1)
  const lastSpace = cut.lastIndexOf(" ")
  return (lastSpace > 0 ? cut.slice(0, lastSpace) : objet.slice(0, max)).trim()
}

/** The debt reference made from invoice numbers: letters and digits only, accents removed. */
export function refdetOf(reference: string): string {
  return normalizeObjet(reference).replace(/ /g, "")
}

/** What the portal wants to send to `creerPaiementSecurise`, before normalization. */
export interface CreerPaiementSecuriseInput {
  readonly numcli: string
  readonly exer: number | string
  readonly refdet: string
  readonly montant: Cents.Cents | number | string
  readonly mel: string
  readonly objet: string
  readonly saisie: string
  readonly urlnotif: string
  readonly urlredirect: string
}

/**
 * Builds and checks the fields of `creerPaiementSecurise`: numbers written as the service wants
 * them, the object transliterated, then every field validated. Refused with French messages, before
 * any network call.
 */
export function creerPaiementSecuriseFields(input: CreerPaiementSecuriseInput): Either.Either<CreerPaiementSecurise, PayfipRequestInvalid> {
  return checkCreerPaiementSecurise({
    exer: String(input.exer),
    mel: input.mel.trim(),
    montant: String(input.montant),
    numcli: input.numcli,
    objet: normalizeObjet(input.objet),
    refdet: input.refdet,
    saisie: input.saisie,
    urlnotif: input.urlnotif,
    urlredirect: input.urlredirect
  })
}

/** What a `resultrans` means for the core: paid (card or direct debit), refused, cancelled, or not known. */
export function outcomeOfDetail(detail: Pick<DetailPaiementSecurise, "resultrans" | "montant">): GatewayOutcome {
  const amount = /^\d{1,9}$/.test(detail.montant) ? { amount: Cents.cents(Number(detail.montant)) } : {}
  switch (detail.resultrans) {
    case "P":
      return { _tag: "Paid", method: "card", ...amount }
    case "V":
      return { _tag: "Paid", method: "directDebit", ...amount }
    case "R":
    case "Z":
      return { _tag: "Refused" }
    case "A":
      return { _tag: "Cancelled" }
    default:
      return { _tag: "Unknown" }
  }
}
