/**
 * The town of the seed guide, Saint-Pierre-lès-Elbeuf (Seine-Maritime, Normandy, school zone B):
 * its identity and help block as the guide prints them, its régie, its billing, payment and
 * absence settings, and the sender of its mails. Every name, address, phone number, hour and
 * sentence below comes from `mon-espace-citoyen-guide.txt`; values the guide does not give
 * (régie name, numbering, payment term) are the demo's and say so.
 */
import {
  AbsenceJustificationRules,
  BillingRules,
  BillingSettings,
  defaultPartTable,
  defaultPasswordRules,
  DocumentNumberFormat,
  GeneratedDocumentSettings,
  Instant,
  NumberTemplate,
  type PartTable,
  type PasswordRules,
  PaymentSettings,
  RegieDetails,
  RegieId,
  type SchoolZone,
  SenderIdentity,
  TownIdentity
} from "@spe/core"

/** The town's name, as it writes it. */
export const townName = "Saint-Pierre-lès-Elbeuf"

/** Normandy is in school zone B. */
export const schoolZone: SchoolZone = "B"

/** The family portal ("Connexion : www.espace-citoyens.net/saint-pierre-les-elbeuf"). */
export const portalUrl = "https://www.espace-citoyens.net/saint-pierre-les-elbeuf"

/** The town's website, printed under the help block. */
export const websiteUrl = "https://www.ville-de-saint-pierre-les-elbeuf.fr"

/**
 * The instant the demo is set at: Thursday 26 November 2026, 9:00 in Paris. The seed takes "now"
 * from the `Clock` port (the server may give the real clock); this is the instant the tests and
 * the demo server use so that the data looks alive.
 */
export const demoNow: Instant.Instant = Instant.unsafe("2026-11-26T08:00:00.000Z")

/** One way to reach the service, as the guide prints it. */
export interface HelpContact {
  /** What the line is for, in French. */
  readonly purpose: string
  readonly phone: string
  /** When someone answers, one line each, verbatim. */
  readonly hours: ReadonlyArray<string>
}

/** The "Besoin d'aide ?" block of the guide, and the phone line of the welcome page. */
export interface HelpBlock {
  readonly title: string
  readonly serviceName: string
  /** Postal address, one line each, verbatim ("76 320 Saint-Pierre-Lès-Elbeuf"). */
  readonly addressLines: ReadonlyArray<string>
  readonly email: string
  /** The counter's phone and opening hours (the guide's help block). */
  readonly counter: HelpContact
  /** The phone line for registrations and account creation (the guide's welcome page). */
  readonly registrationLine: HelpContact
  readonly website: string
  readonly portal: string
}

/** The help block of the guide, verbatim. */
export const helpBlock: HelpBlock = {
  title: "Besoin d'aide ?",
  serviceName: "Service à la population",
  addressLines: ["Place François Mitterrand", "76 320 Saint-Pierre-Lès-Elbeuf"],
  email: "servicepopulation@pierrotin.fr",
  counter: {
    purpose: "Accueil du Service à la population (Hôtel de Ville)",
    phone: "02 32 96 94 51",
    hours: [
      "du lundi au jeudi : 8h30 - 12h | 13h30 - 17h",
      "le vendredi : 8h30 - 12h30 | 13h30 - 16h",
      "et le samedi (hors vacances) : 10h - 12h"
    ]
  },
  registrationLine: {
    purpose: "Une question sur vos inscriptions ou des difficultés à créer votre espace personnel",
    phone: "02 32 96 95 70",
    hours: ["du lundi au vendredi de 8h30 à 12h et de 13h30 à 17h (16h30 le vendredi) et le samedi de 10h à 12h."]
  },
  website: "www.ville-de-saint-pierre-les-elbeuf.fr",
  portal: "www.espace-citoyens.net/saint-pierre-les-elbeuf"
}

/** The title of the portal's welcome page, verbatim. */
export const welcomeTitle = "BIENVENUE SUR VOTRE ESPACE CITOYEN"

/** The welcome page of the guide, verbatim, paragraph by paragraph (list items start with "- "). */
export const welcomeParagraphs: ReadonlyArray<string> = [
  "La Ville de Saint-Pierre-lès-Elbeuf vous souhaite la bienvenue sur votre espace citoyen. Destiné à faciliter vos démarches, il est accessible 24h/24 et 7 jours/7 sur ordinateur, mobile et tablette. Dédié aux prestations enfance et jeunesse, votre espace citoyen proposera dans quelques mois d'autres possibilités : état civil, élections, urbanisme, informations diverses...",
  "Bien sûr, l'ensemble de ces services publics restent accessibles à l'Hôtel de Ville.",
  "Nous vous invitons, dès à présent, à créer votre compte en renseignant votre identifiant et mot de passe reçus par mail, puis à les personnaliser. Vous pourrez ensuite accéder aux demandes d'inscription, aux réservations ainsi qu'à la consultation et au paiement en ligne de vos factures pour les services suivants :",
  "- Accueils du matin et du soir",
  "- Accueil du mercredi",
  "- Activités des vacances scolaires",
  "- Restauration scolaire",
  "Votre Espace Citoyen vous permet également de consulter l'historique de vos demandes et le suivi de l'état de leur traitement.",
  "Besoin d'aide ? Retrouvez le dépliant explicatif en cliquant ici.",
  "Une question sur vos inscriptions ou des difficultés à créer votre espace personnel ? Contactez le Service à la Population :",
  "- par téléphone au 02 32 96 95 70, du lundi au vendredi de 8h30 à 12h et de 13h30 à 17h (16h30 le vendredi) et le samedi de 10h à 12h.",
  "- ou par mail à l'adresse suivante : servicepopulation@pierrotin.fr",
  "Bonne navigation !"
]

/** The whole welcome text, title first, paragraphs separated by a blank line (list items by a line break). */
export const welcomeText: string = [welcomeTitle, ...welcomeParagraphs].reduce(
  (text, paragraph) => (text === "" ? paragraph : `${text}${paragraph.startsWith("- ") ? "\n" : "\n\n"}${paragraph}`),
  ""
)

/** The booking rules as the guide states them ("✓ Vos réservations"), verbatim. */
export const bookingRulesFromGuide: ReadonlyArray<string> = [
  "Accueil périscolaire (mercredis, restauration) : les réservations doivent être faites 48h avant.",
  "Accueil extrascolaire (vacances) : les réservations doivent être faites selon le calendrier établi (consultable dans le menu Édition de documents)."
]

/** The town as its documents name it (headers and footers of invoices, attestations, calendars). */
export const townIdentity: TownIdentity = TownIdentity.make({
  townName,
  serviceName: "Service à la Population",
  addressLines: [...helpBlock.addressLines],
  phone: helpBlock.counter.phone,
  email: helpBlock.email,
  hours: [...helpBlock.counter.hours],
  portalUrl,
  website: websiteUrl
})

/**
 * The régie that issues the invoices of the childhood services and takes payments at its counter,
 * in the Hôtel de Ville. Its name and counter hours are the demo's (the guide names the service,
 * not the régie).
 */
export const regie: RegieDetails = RegieDetails.make({
  id: RegieId.make("regie-enfance-jeunesse"),
  name: "Régie enfance-jeunesse",
  addressLines: ["Hôtel de Ville, Service à la Population", ...helpBlock.addressLines],
  phone: helpBlock.counter.phone,
  email: helpBlock.email,
  counterHours: [helpBlock.counter.hours[0] ?? "", helpBlock.counter.hours[1] ?? ""]
})

/** Invoice numbers of the régie: `F-2026-000001`, restarting each year. */
export const invoiceNumberFormat = DocumentNumberFormat.make({ prefix: "F", template: NumberTemplate.make("{prefix}-{year}-{seq:6}") })

/** Credit-note numbers of the régie: `A-2026-000001`, restarting each year. */
export const creditNoteNumberFormat = DocumentNumberFormat.make({ prefix: "A", template: NumberTemplate.make("{prefix}-{year}-{seq:6}") })

/**
 * Monthly billing, due 30 days after issue, with the common billing table: a late cancellation or
 * an unjustified absence is billed, a justified one is not, a presence without booking is billed
 * with the surcharge of the grid.
 */
export const billingSettings: BillingSettings = BillingSettings.make({
  paymentTermDays: 30,
  invoiceNumbers: invoiceNumberFormat,
  creditNoteNumbers: creditNoteNumberFormat,
  rules: BillingRules.make({})
})

/** The régie takes card payments online (PayFiP), direct debit, payments at its counter, cheques and CESU. */
export const paymentSettings: PaymentSettings = PaymentSettings.make({
  acceptedMethods: ["card", "directDebit", "counter", "cheque", "cesu"]
})

/**
 * An illness is justified by a medical certificate given within 72 hours of the end of the first
 * day of absence; no carence day; a certificate given more than 10 days after is refused.
 */
export const absenceRules: AbsenceJustificationRules = AbsenceJustificationRules.make({
  certificateWithinHours: 72,
  carenceDays: 0,
  certificateRefusedAfterDays: 10
})

/** The QF part table: the CAF's (DOMAIN.md). */
export const partTable: PartTable = defaultPartTable

/** The password rules of the portal: the core's defaults. */
export const passwordRules: PasswordRules = defaultPasswordRules

/** Who signs the town's mails. */
export const senderIdentity: SenderIdentity = SenderIdentity.make({
  townName,
  serviceName: "Service à la Population",
  address: helpBlock.addressLines.join("\n"),
  phone: helpBlock.counter.phone,
  email: helpBlock.email,
  portalUrl
})

/** The settings of the documents the town generates (invoices, attestations, booking calendars). */
export const documentSettings: GeneratedDocumentSettings = GeneratedDocumentSettings.make({
  town: townIdentity,
  acceptedMethods: paymentSettings.acceptedMethods,
  chequePayee: "Trésor public",
  onlinePaymentUrl: portalUrl,
  signatoryTitle: "Pour le Maire et par délégation, le Service à la Population"
})

/** Everything the server needs to run the town, in one value. */
export interface TownSettings {
  readonly townName: string
  readonly schoolZone: SchoolZone
  readonly portalUrl: string
  readonly helpBlock: HelpBlock
  readonly welcomeTitle: string
  readonly welcomeText: string
  readonly bookingRulesFromGuide: ReadonlyArray<string>
  readonly townIdentity: TownIdentity
  readonly regie: RegieDetails
  readonly billing: BillingSettings
  readonly payment: PaymentSettings
  readonly absences: AbsenceJustificationRules
  readonly partTable: PartTable
  readonly passwordRules: PasswordRules
  readonly sender: SenderIdentity
  readonly documents: GeneratedDocumentSettings
}

/** The settings of Saint-Pierre-lès-Elbeuf. */
export const townSettings: TownSettings = {
  townName,
  schoolZone,
  portalUrl,
  helpBlock,
  welcomeTitle,
  welcomeText,
  bookingRulesFromGuide,
  townIdentity,
  regie,
  billing: billingSettings,
  payment: paymentSettings,
  absences: absenceRules,
  partTable,
  passwordRules,
  sender: senderIdentity,
  documents: documentSettings
}
