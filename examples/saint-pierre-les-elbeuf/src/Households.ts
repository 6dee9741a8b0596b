/**
 * The demo households of Saint-Pierre-lès-Elbeuf: the guide's family (Maman and Papa CONCERTO,
 * 1 Chemin de la Cote, 76320 SAINT-PIERRE-LES-ELBEUF, a.baud@arpege.fr, a daughter and a son) and
 * four others, each showing a case the town meets: a non-resident family, a family without a valid
 * quotient familial, a large family, a family with an unpaid invoice past due. Names, birth dates,
 * incomes and phone numbers are invented (phone numbers from the ranges ARCEP keeps for fiction);
 * only the CONCERTO household's name, address and e-mail come from the guide.
 */
import type { AgentRole, HouseholdRegistration } from "@spe/core"
import type { ActivityKey, EnrollmentFamily } from "./Activities.js"

/** The key of a demo household. */
export type HouseholdKey = "concerto" | "marchand" | "lefebvre" | "moreau" | "petit"

/** The password of every demo family account that chose its own (the portal's rules accept it). */
export const demoFamilyPassword = "Espace-Citoyen-76320"

/** The password of the demo agents' accounts. */
export const demoAgentPassword = "Service-Population-76"

/** How a household's quotient familial was obtained, as the seed records it through the core. */
export type DemoQuotient =
  | {
      /** Given by the CAF for an allocataire number, then validated by an agent. */
      readonly _tag: "Caf"
      readonly cafNumber: string
      readonly qf: number
      readonly validFrom: string
      readonly validTo: string
      /** When it was recorded and validated (Paris date and time). */
      readonly recordedAt: readonly [date: string, time: string]
      readonly validatedAt: readonly [date: string, time: string]
    }
  | {
      /** Declared by the family with its tax notice, computed with the CAF formula, validated by an agent. */
      readonly _tag: "Declared"
      /** Revenu fiscal de référence, in cents. */
      readonly annualIncome: number
      /** Family benefits per month, in cents. */
      readonly monthlyBenefits: number
      readonly validFrom: string
      readonly validTo: string
      readonly documentName: string
      readonly declaredAt: readonly [date: string, time: string]
      readonly validatedAt: readonly [date: string, time: string]
    }
  | {
      /** Set by an agent, with the reason, validated at once. */
      readonly _tag: "Agent"
      readonly qf: number
      readonly reason: string
      readonly validFrom: string
      readonly validTo: string
      readonly setAt: readonly [date: string, time: string]
    }

/** A child's regular bookings: an activity on given weekdays (and slot), every school week. */
export interface WeeklyBooking {
  readonly child: string
  readonly activity: Exclude<ActivityKey, "holiday">
  readonly weekdays: ReadonlyArray<1 | 2 | 3 | 4 | 5>
  readonly slot?: string
}

/** A holiday week booked (or attempted) for children of the household. */
export interface HolidayBooking {
  readonly children: ReadonlyArray<string>
  /** The Monday of the week. */
  readonly weekOf: string
  /** When the family asked (Paris date and time). */
  readonly askedAt: readonly [date: string, time: string]
  /** What the demo shows: the booking, or the rule that refuses it. */
  readonly expected: "booked" | "PhaseClosedToNonResidents" | "HouseholdBlockedForUnpaidInvoices"
}

/** A demo household: what is registered, its account, its QF, its enrollments and its habits. */
export interface DemoHousehold {
  readonly key: HouseholdKey
  /** What an agent types to register it (validated by `registerHousehold`). */
  readonly registration: typeof HouseholdRegistration.Encoded
  /**
   * The login the family chose at its first login, with {@link demoFamilyPassword}; absent when
   * the account keeps the identifier and temporary password the town mailed (first-login demo).
   */
  readonly chosenLogin?: string
  readonly quotient: DemoQuotient
  /** The families of activities each child is enrolled in for 2026-2027. */
  readonly enrollments: ReadonlyArray<{ readonly child: string; readonly families: ReadonlyArray<EnrollmentFamily> }>
  readonly weekly: ReadonlyArray<WeeklyBooking>
  readonly holidays: ReadonlyArray<HolidayBooking>
  /** What the household shows in the demo, in French (README and the server's start message). */
  readonly demonstrates: string
}

const resident = { postalCode: "76320", city: "SAINT-PIERRE-LES-ELBEUF" } as const
const schoolDays = [1, 2, 4, 5] as const

/** The guide's family: Maman CONCERTO (payer, the guide's e-mail), Papa, a daughter and a son. */
export const concerto: DemoHousehold = {
  key: "concerto",
  registration: {
    reference: "FAM-000101",
    familyName: "CONCERTO",
    address: { line1: "1 Chemin de la Cote", ...resident },
    contact: { email: "a.baud@arpege.fr", phones: [{ label: "Portable de Maman", number: "06 39 98 41 27" }] },
    residency: "resident",
    adults: [
      { firstName: "Anne", lastName: "CONCERTO", relationship: "Maman", email: "a.baud@arpege.fr", phone: "06 39 98 41 27", isPayer: true },
      { firstName: "Paul", lastName: "CONCERTO", relationship: "Papa", phone: "06 39 98 41 28", isPayer: false }
    ],
    children: [
      { firstName: "Léa", lastName: "CONCERTO", birthDate: "2018-04-14", school: "École élémentaire", schoolLevel: "CE2" },
      {
        firstName: "Hugo",
        lastName: "CONCERTO",
        birthDate: "2022-02-09",
        school: "École maternelle",
        schoolLevel: "MS",
        allergies: "Arachide (PAI alimentaire)"
      }
    ]
  },
  chosenLogin: "maman.concerto",
  quotient: {
    _tag: "Caf",
    cafNumber: "1234567",
    qf: 780,
    validFrom: "2026-01-01",
    validTo: "2026-12-31",
    recordedAt: ["2026-01-08", "10:00"],
    validatedAt: ["2026-01-09", "09:15"]
  },
  enrollments: [
    { child: "Léa", families: ["periscolaire", "restauration", "extrascolaire"] },
    { child: "Hugo", families: ["periscolaire", "restauration", "extrascolaire"] }
  ],
  weekly: [
    { child: "Léa", activity: "canteen", weekdays: schoolDays },
    { child: "Léa", activity: "evening", weekdays: [1, 2, 4] },
    { child: "Léa", activity: "wednesday", weekdays: [3], slot: "journee" },
    { child: "Hugo", activity: "morning", weekdays: schoolDays },
    { child: "Hugo", activity: "canteen", weekdays: schoolDays },
    { child: "Hugo", activity: "evening", weekdays: [1, 2, 4] }
  ],
  holidays: [
    { children: ["Hugo"], weekOf: "2026-10-19", askedAt: ["2026-09-14", "08:45"], expected: "booked" },
    { children: ["Léa", "Hugo"], weekOf: "2026-12-21", askedAt: ["2026-11-16", "08:35"], expected: "booked" }
  ],
  demonstrates:
    "La famille du guide (Maman CONCERTO, payeuse, a.baud@arpege.fr ; Papa ; Léa en CE2 ; Hugo en moyenne section) : " +
    "QF transmis par la CAF, réduction fratrie, absence pour maladie justifiée par certificat, annulation hors délai d'un mercredi, " +
    "facture de septembre payée par prélèvement, demande de mise à jour du QF envoyée, message annulé."
}

/** A family living in Elbeuf: non-resident surcharge, booking windows open to it a week after residents. */
export const marchand: DemoHousehold = {
  key: "marchand",
  registration: {
    reference: "FAM-000102",
    familyName: "MARCHAND",
    address: { line1: "8 rue des Tisserands", postalCode: "76500", city: "ELBEUF" },
    contact: { email: "sophie.marchand@example.org", phones: [{ label: "Portable", number: "06 39 98 52 03" }] },
    residency: "non-resident",
    adults: [
      { firstName: "Sophie", lastName: "MARCHAND", relationship: "Mère", email: "sophie.marchand@example.org", phone: "06 39 98 52 03", isPayer: true },
      { firstName: "Karim", lastName: "MARCHAND", relationship: "Père", phone: "06 39 98 52 04", isPayer: false }
    ],
    children: [{ firstName: "Jade", lastName: "MARCHAND", birthDate: "2017-09-22", school: "École élémentaire", schoolLevel: "CM1" }]
  },
  quotient: {
    _tag: "Declared",
    annualIncome: 4_200_000,
    monthlyBenefits: 0,
    validFrom: "2026-09-01",
    validTo: "2027-08-31",
    documentName: "avis-imposition-2026-marchand.pdf",
    declaredAt: ["2026-06-10", "19:30"],
    validatedAt: ["2026-06-12", "09:00"]
  },
  enrollments: [{ child: "Jade", families: ["periscolaire", "restauration", "extrascolaire"] }],
  weekly: [
    { child: "Jade", activity: "canteen", weekdays: schoolDays },
    { child: "Jade", activity: "evening", weekdays: [2, 4] },
    { child: "Jade", activity: "wednesday", weekdays: [3], slot: "matin" }
  ],
  holidays: [
    { children: ["Jade"], weekOf: "2026-10-26", askedAt: ["2026-09-16", "12:00"], expected: "PhaseClosedToNonResidents" },
    { children: ["Jade"], weekOf: "2026-10-26", askedAt: ["2026-09-21", "08:40"], expected: "booked" },
    { children: ["Jade"], weekOf: "2026-12-21", askedAt: ["2026-11-23", "09:00"], expected: "booked" }
  ],
  demonstrates:
    "Famille domiciliée à Elbeuf (non-résidente) : majoration de 20 %, prix des vacances plafonné au coût de revient, " +
    "réservation des vacances refusée pendant la phase réservée aux habitants puis acceptée une semaine plus tard, " +
    "QF déclaré avec l'avis d'imposition, facture de septembre partiellement payée par chèque, changement de téléphone en cours d'examen, " +
    "compte encore à l'identifiant et au mot de passe provisoires reçus par mail."
}

/** A single parent whose QF expired: the highest tariff applies until a new one is validated. */
export const lefebvre: DemoHousehold = {
  key: "lefebvre",
  registration: {
    reference: "FAM-000103",
    familyName: "LEFEBVRE",
    address: { line1: "5 résidence Les Tilleuls", ...resident },
    contact: { email: "camille.lefebvre@example.org", phones: [{ label: "Portable", number: "06 39 98 63 11" }] },
    residency: "resident",
    adults: [{ firstName: "Camille", lastName: "LEFEBVRE", relationship: "Mère", phone: "06 39 98 63 11", isPayer: true }],
    children: [{ firstName: "Nathan", lastName: "LEFEBVRE", birthDate: "2021-06-30", school: "École maternelle", schoolLevel: "GS" }]
  },
  chosenLogin: "camille.lefebvre",
  quotient: {
    _tag: "Caf",
    cafNumber: "2345678",
    qf: 610,
    validFrom: "2025-09-01",
    validTo: "2026-08-31",
    recordedAt: ["2025-09-08", "10:00"],
    validatedAt: ["2025-09-09", "11:00"]
  },
  enrollments: [{ child: "Nathan", families: ["periscolaire", "restauration", "extrascolaire"] }],
  weekly: [
    { child: "Nathan", activity: "canteen", weekdays: schoolDays },
    { child: "Nathan", activity: "morning", weekdays: [1, 4] }
  ],
  holidays: [],
  demonstrates:
    "Parent seul dont le QF (CAF, 2025-2026) a expiré le 31 août 2026 : tarif le plus élevé, expliqué sur chaque ligne de facture ; " +
    "absence sans prévenir facturée, absence signalée à l'avance non facturée ; facture de septembre payée au guichet ; " +
    "demande de mise à jour du QF en attente d'un complément."
}

/** A large family: three children, sibling reductions on every service they share. */
export const moreau: DemoHousehold = {
  key: "moreau",
  registration: {
    reference: "FAM-000104",
    familyName: "MOREAU",
    address: { line1: "14 rue du Bois", ...resident },
    contact: { email: "famille.moreau@example.org", phones: [{ label: "Maison", number: "02 61 91 24 56" }] },
    residency: "resident",
    adults: [
      { firstName: "Aurélie", lastName: "MOREAU", relationship: "Mère", phone: "06 39 98 74 21", isPayer: true },
      { firstName: "Julien", lastName: "MOREAU", relationship: "Père", phone: "06 39 98 74 22", isPayer: false }
    ],
    children: [
      { firstName: "Emma", lastName: "MOREAU", birthDate: "2016-03-05", school: "École élémentaire", schoolLevel: "CM2" },
      { firstName: "Louis", lastName: "MOREAU", birthDate: "2019-10-18", school: "École élémentaire", schoolLevel: "CE1" },
      { firstName: "Rose", lastName: "MOREAU", birthDate: "2022-12-01", school: "École maternelle", schoolLevel: "MS" }
    ]
  },
  chosenLogin: "famille.moreau",
  quotient: {
    _tag: "Declared",
    annualIncome: 3_800_000,
    monthlyBenefits: 30_000,
    validFrom: "2026-09-01",
    validTo: "2027-08-31",
    documentName: "avis-imposition-2026-moreau.pdf",
    declaredAt: ["2026-06-15", "21:10"],
    validatedAt: ["2026-06-16", "10:00"]
  },
  enrollments: [
    { child: "Emma", families: ["periscolaire", "restauration"] },
    { child: "Louis", families: ["periscolaire", "restauration"] },
    { child: "Rose", families: ["periscolaire", "restauration"] }
  ],
  weekly: [
    { child: "Emma", activity: "canteen", weekdays: schoolDays },
    { child: "Emma", activity: "wednesday", weekdays: [3], slot: "apres-midi" },
    { child: "Louis", activity: "canteen", weekdays: schoolDays },
    { child: "Louis", activity: "evening", weekdays: schoolDays },
    { child: "Rose", activity: "canteen", weekdays: schoolDays },
    { child: "Rose", activity: "morning", weekdays: [1, 2] }
  ],
  holidays: [{ children: ["Emma", "Louis", "Rose"], weekOf: "2026-10-19", askedAt: ["2026-09-14", "21:10"], expected: "booked" }],
  demonstrates:
    "Famille nombreuse (trois enfants) : QF déclaré avec l'avis d'imposition (4 parts), réduction du 2e enfant (-10 %) et du 3e (-20 %), " +
    "inscription aux vacances demandée en ligne et acceptée, annulation dans les délais non facturée, facture de septembre payée par prélèvement."
}

/** A family with an unpaid invoice past due: Wednesdays and holidays are blocked until it pays. */
export const petit: DemoHousehold = {
  key: "petit",
  registration: {
    reference: "FAM-000105",
    familyName: "PETIT",
    address: { line1: "27 rue des Écoles", ...resident },
    contact: { email: "laura.petit@example.org", phones: [{ label: "Portable", number: "06 39 98 85 30" }] },
    residency: "resident",
    adults: [{ firstName: "Laura", lastName: "PETIT", relationship: "Mère", phone: "06 39 98 85 30", isPayer: true }],
    children: [
      { firstName: "Inès", lastName: "PETIT", birthDate: "2019-01-27", school: "École élémentaire", schoolLevel: "CE1" },
      { firstName: "Noah", lastName: "PETIT", birthDate: "2023-07-12", school: "École maternelle", schoolLevel: "PS" }
    ]
  },
  chosenLogin: "laura.petit",
  quotient: {
    _tag: "Agent",
    qf: 420,
    reason: "Situation examinée avec la famille : reprise d'emploi en 2026, l'avis d'imposition ne reflète pas les revenus actuels",
    validFrom: "2026-09-01",
    validTo: "2027-08-31",
    setAt: ["2026-06-18", "14:00"]
  },
  enrollments: [
    { child: "Inès", families: ["periscolaire", "restauration", "extrascolaire"] },
    { child: "Noah", families: ["periscolaire", "restauration", "extrascolaire"] }
  ],
  weekly: [
    { child: "Inès", activity: "canteen", weekdays: schoolDays },
    { child: "Inès", activity: "evening", weekdays: schoolDays },
    { child: "Noah", activity: "canteen", weekdays: schoolDays },
    { child: "Noah", activity: "wednesday", weekdays: [3], slot: "matin" }
  ],
  holidays: [{ children: ["Inès", "Noah"], weekOf: "2026-12-21", askedAt: ["2026-11-24", "18:30"], expected: "HouseholdBlockedForUnpaidInvoices" }],
  demonstrates:
    "Parent seul au QF fixé par le Service à la Population : facture de septembre impayée après son échéance, " +
    "réservations des mercredis et des vacances suspendues au-delà de 50 € d'impayés (avec le motif), absence pour raison familiale " +
    "signalée le jour même et facturée, présence sans réservation à l'accueil du soir majorée, demande de remise refusée."
}

/** The demo households, in reference order. */
export const demoHouseholds: ReadonlyArray<DemoHousehold> = [concerto, marchand, lefebvre, moreau, petit]

/** The demo household of a key. */
export const demoHousehold = (key: HouseholdKey): DemoHousehold => {
  const found = demoHouseholds.find((h) => h.key === key)
  if (found === undefined) throw new Error(`No demo household ${key}`)
  return found
}

/** The town's agents of the demo, with their roles. */
export interface DemoAgent {
  readonly login: string
  readonly displayName: string
  readonly email: string
  readonly role: AgentRole
  readonly note: string
}

/** The agents who review requests, validate QF and documents, run billing and record payments in the demo. */
export const demoAgents: ReadonlyArray<DemoAgent> = [
  {
    login: "agent.demo",
    displayName: "Claire DUBOIS",
    email: "agent.demo@example.org",
    role: "agent",
    note: "Agent du Service à la Population : demandes, justificatifs, QF, pointage."
  },
  {
    login: "regie.demo",
    displayName: "Marc LEROY",
    email: "regie.demo@example.org",
    role: "billing",
    note: "Régisseur : facturation et encaissements."
  },
  {
    login: "admin.demo",
    displayName: "Administrateur de la démonstration",
    email: "admin.demo@example.org",
    role: "admin",
    note: "Administration : tous les droits."
  }
]

/** A person who created an account on the portal ("Créer mon espace"), waiting for the town to link it. */
export const newcomer = {
  login: "julie.roussel",
  email: "julie.roussel@example.org",
  declaredName: "Julie ROUSSEL",
  phone: "06 39 98 96 40",
  message:
    "Bonjour, nous venons d'emménager rue Jean Jaurès avec nos deux enfants (CP et moyenne section). " +
    "Pouvez-vous relier mon espace à notre foyer pour les inscriptions de janvier ? Merci.",
  askedAt: ["2026-11-25", "21:30"] as const
} as const
