import {
  actorOf,
  changeContactDetails,
  confirmEmailChange,
  type FamilyActor,
  type Household,
  HouseholdRepository,
  Instant,
  pendingAddressRequest,
  requestStatusLabel
} from "@spe/core"
import type Router from "@koa/router"
import { Effect, Schema } from "effect"
import { seeOther } from "../middleware/Errors.js"
import { type FormFields, formOf, type PortalContext, type PortalState, requireAccount, requireHousehold } from "../PortalContext.js"
import { refuse } from "../PortalErrors.js"
import type { PortalKit } from "../PortalKit.js"
import { emailConfirmationPath, portalPaths, requestPath } from "../PortalPaths.js"
import { signLink, verifyLink } from "../SignedLinks.js"

const title = "Coordonnées"

/** The purpose the confirmation links of new e-mail addresses are signed for. */
export const emailLinkPurpose = "courriel"

/** How many phone rows the form offers at most (without JavaScript, rows are fixed). */
const maxPhoneRows = 10

/** What each outcome of the form says once back on the page (`?fait=telephones,adresse`). */
const outcomeNotices: Readonly<Record<string, string>> = {
  telephones: "Vos numéros de téléphone sont enregistrés.",
  adresse: "Votre nouvelle adresse est transmise au Service à la Population : elle remplacera l'ancienne après vérification. Vous suivez cette demande dans « Dernières demandes ».",
  "adresse-enregistree": "Votre nouvelle adresse est enregistrée.",
  courriel: "Un lien de confirmation vient d'être envoyé à votre nouvelle adresse e-mail : suivez-le dans les 48 heures pour qu'elle remplace l'ancienne. D'ici là, les messages de la mairie continuent d'arriver à l'ancienne adresse.",
  "courriel-confirme": "Votre nouvelle adresse e-mail est confirmée : vos identifiants, vos factures et les messages de la mairie y seront désormais envoyés.",
  rien: "Aucune modification : vos coordonnées étaient déjà celles-ci."
}

/** The confirmation link of a new e-mail address is malformed, forged, or not the household's. */
export class EmailConfirmationLinkInvalid extends Schema.TaggedError<EmailConfirmationLinkInvalid>()("EmailConfirmationLinkInvalid", {
  otherHousehold: Schema.Boolean
}) {
  override get message(): string {
    return this.otherHousehold
      ? "Ce lien de confirmation concerne un autre foyer que celui de votre compte : déconnectez-vous, puis suivez à nouveau le lien et connectez-vous avec le compte du foyer qui a demandé le changement."
      : "Ce lien de confirmation n'est pas valable : il est incomplet ou a été modifié. Copiez le lien entier depuis le message reçu, ou saisissez à nouveau votre nouvelle adresse dans « Coordonnées » pour en recevoir un autre."
  }
}

interface PhoneRow {
  readonly index: number
  readonly labelName: string
  readonly numberName: string
  readonly labelText: string
  readonly numberText: string
  readonly label: string
  readonly number: string
}

interface ContactValues {
  readonly adresse1: string
  readonly adresse2: string
  readonly codePostal: string
  readonly commune: string
  readonly email: string
  readonly phones: ReadonlyArray<PhoneRow>
}

const phoneRow = (index: number, label: string, number: string): PhoneRow => ({
  index,
  labelName: `telephone${index}Libelle`,
  numberName: `telephone${index}Numero`,
  labelText: `Libellé du numéro ${index}`,
  numberText: `Numéro ${index}`,
  label,
  number
})

const rowCount = (filled: number): number => Math.min(maxPhoneRows, Math.max(2, filled + 1))

const valuesOf = (household: Household): ContactValues => {
  const phones = household.contact.phones.slice(0, maxPhoneRows)
  return {
    adresse1: household.address.line1,
    adresse2: household.address.line2 ?? "",
    codePostal: household.address.postalCode,
    commune: household.address.city,
    email: household.contact.email,
    phones: Array.from({ length: rowCount(phones.length) }, (_, i) => phoneRow(i + 1, phones[i]?.label ?? "", phones[i]?.number ?? ""))
  }
}

const typedValues = (form: FormFields): ContactValues => {
  const rows = Array.from({ length: maxPhoneRows }, (_, i) =>
    phoneRow(
      i + 1,
      form.text(`telephone${i + 1}Libelle`, { maxLength: 40, label: `Libellé du numéro ${i + 1}` }),
      form.text(`telephone${i + 1}Numero`, { maxLength: 30, label: `Numéro ${i + 1}` })
    )
  )
  const lastFilled = rows.reduce((last, row) => (row.label.trim() !== "" || row.number.trim() !== "" ? row.index : last), 0)
  return {
    adresse1: form.text("adresse1", { maxLength: 120, label: "Adresse" }),
    adresse2: form.text("adresse2", { maxLength: 120, label: "Complément d'adresse" }),
    codePostal: form.text("codePostal", { maxLength: 10, label: "Code postal" }),
    commune: form.text("commune", { maxLength: 80, label: "Commune" }),
    email: form.text("email", { maxLength: 254, label: "Adresse e-mail" }),
    phones: rows.slice(0, rowCount(lastFilled))
  }
}

/** The change the core validates, and the form field of each of its paths. */
const changeOf = (values: ContactValues) => {
  const filledRows = values.phones.filter((row) => row.label.trim() !== "" || row.number.trim() !== "")
  const fieldOfPath: Record<string, string> = {
    "address.line1": "adresse1",
    "address.line2": "adresse2",
    "address.postalCode": "codePostal",
    "address.city": "commune",
    "contact.email": "email",
    contact: "email"
  }
  filledRows.forEach((row, i) => {
    fieldOfPath[`contact.phones.${i}.label`] = row.labelName
    fieldOfPath[`contact.phones.${i}.number`] = row.numberName
    fieldOfPath[`contact.phones.${i}`] = row.numberName
  })
  const input = {
    address: {
      line1: values.adresse1,
      ...(values.adresse2.trim() === "" ? {} : { line2: values.adresse2 }),
      postalCode: values.codePostal,
      city: values.commune
    },
    contact: {
      email: values.email,
      phones: filledRows.map((row) => ({
        ...(row.label.trim() === "" ? {} : { label: row.label }),
        ...(row.number.trim() === "" ? {} : { number: row.number })
      }))
    }
  }
  return { input, fieldOfPath }
}

const familyOf = (ctx: PortalContext): FamilyActor => {
  requireHousehold(ctx)
  return actorOf(requireAccount(ctx)) as FamilyActor
}

const noticesOf = (ctx: PortalContext): string | undefined => {
  const done = ctx.query["fait"]
  if (typeof done !== "string") return undefined
  const sentences = done.split(",").flatMap((key) => (outcomeNotices[key] === undefined ? [] : [outcomeNotices[key]]))
  return sentences.length === 0 ? undefined : [...new Set(sentences)].join(" ")
}

/**
 * "Coordonnées": the household's postal address, phone numbers and e-mail address, as the guide
 * says ("modification si besoin de vos coordonnées (adresse, numéro de téléphone, adresse mail)").
 * Phone numbers apply at once; a new address goes to the Service à la Population as a request
 * (it decides residency, hence tariffs); a new e-mail address applies once confirmed through
 * the link mailed to it (`/mon-espace/coordonnees/confirmation/:token`, signed, 48 hours).
 */
export function contactDetailsRoutes(router: Router<PortalState>, kit: PortalKit): void {
  const pageModel = async (householdId: Household["id"], values: ContactValues) => {
    const pending = await kit.run(pendingAddressRequest(householdId))
    const address = pending?.payload._tag === "ContactChange" ? pending.payload.address : undefined
    return {
      title,
      values,
      ...(pending === undefined || address === undefined
        ? {}
        : {
            pendingAddress: {
              lines: [address.line1, ...(address.line2 === undefined || address.line2 === "" ? [] : [address.line2]), `${address.postalCode} ${address.city}`],
              status: requestStatusLabel[pending.status],
              submittedAt: pending.submittedAt,
              href: requestPath(pending.id)
            }
          }),
      mySpaceHref: portalPaths.mySpace
    }
  }

  router.get(portalPaths.contactDetails, async (ctx: PortalContext) => {
    const householdId = requireHousehold(ctx)
    const household = await kit.run(Effect.flatMap(HouseholdRepository, (households) => households.get(householdId)))
    const notice = noticesOf(ctx)
    if (notice !== undefined) ctx.state.notice = notice
    kit.render(ctx, "contact-details", await pageModel(householdId, valuesOf(household)))
  })

  router.post(portalPaths.contactDetails, async (ctx: PortalContext) => {
    const householdId = requireHousehold(ctx)
    const family = familyOf(ctx)
    const values = typedValues(formOf(ctx))
    const { input, fieldOfPath } = changeOf(values)
    ctx.state.formView = { page: "contact-details", title, model: await pageModel(householdId, values), fieldOfPath }
    const outcome = await kit.run(
      changeContactDetails(family, input, {
        confirmationLink: (data) =>
          new URL(
            emailConfirmationPath(signLink(kit.settings.linkSecret, emailLinkPurpose, { householdId: data.householdId, email: data.email, expires: data.expiresAt })),
            kit.settings.publicUrl
          ).toString()
      })
    )
    const done = [
      ...(outcome.phonesChanged ? ["telephones"] : []),
      ...(outcome.addressRequest === undefined ? [] : ["adresse"]),
      ...(outcome.addressChanged ? ["adresse-enregistree"] : []),
      ...(outcome.confirmationSentTo === undefined ? [] : ["courriel"])
    ]
    seeOther(ctx, `${portalPaths.contactDetails}?fait=${done.length === 0 ? "rien" : done.join(",")}`)
  })

  router.get(portalPaths.emailConfirmation, async (ctx: PortalContext) => {
    const token = ctx.params["token"] ?? ""
    const data = verifyLink(kit.settings.linkSecret, emailLinkPurpose, token)
    const householdOfLink = data?.["householdId"]
    const email = data?.["email"]
    const expires = data?.["expires"]
    if (typeof householdOfLink !== "string" || typeof email !== "string" || typeof expires !== "string" || !Schema.is(Instant.Instant)(expires)) {
      return refuse(new EmailConfirmationLinkInvalid({ otherHousehold: false }))
    }
    const householdId = requireHousehold(ctx)
    if (householdId !== householdOfLink) return refuse(new EmailConfirmationLinkInvalid({ otherHousehold: true }))
    await kit.run(confirmEmailChange(familyOf(ctx), { email, expiresAt: expires }))
    seeOther(ctx, `${portalPaths.contactDetails}?fait=courriel-confirme`)
  })
}
