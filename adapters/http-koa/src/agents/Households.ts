import {
  type Account,
  AccountId,
  AccountNotFound,
  AccountRepository,
  type Adult,
  addHouseholdMember,
  type AgentActor,
  agendaOfChild,
  agendaOfHousehold,
  type Child,
  createHousehold,
  disableAccount,
  enableAccount,
  enrollmentsOfHousehold,
  type Household,
  type HouseholdId,
  HouseholdMemberNotFound,
  HouseholdRepository,
  invoiceStatusLabel,
  listHouseholdDocuments,
  loadHouseholdAccount,
  LocalDate,
  MemberId,
  type MemberKind,
  quotientHistory,
  RequestRepository,
  requestKindLabel,
  requestStatusLabel,
  resendHouseholdActivation,
  SchoolLevel,
  updateHousehold,
  updateHouseholdMember
} from "@spe/core"
import type Router from "@koa/router"
import { Effect } from "effect"
import { seeOther } from "../middleware/Errors.js"
import { type FormFields, formOf, type PortalContext, type PortalState } from "../PortalContext.js"
import { PageNotFound, refuse } from "../PortalErrors.js"
import type { PortalKit } from "../PortalKit.js"
import { agentHouseholdPath, agentHouseholdPaths, agentInvoicePath, agentPaths, agentRequestPath } from "../PortalPaths.js"
import { agentCan, requireAgentPermission } from "./AgentContext.js"
import { documentReviewRoutes } from "./DocumentsReview.js"
import {
  accountsSummary,
  accountView,
  activityNamesOf,
  adultView,
  agendaLines,
  childView,
  documentLineView,
  enrollmentStatusLabel,
  householdIdentityView,
  householdParam,
  idParam,
  loadHousehold,
  quotientsView,
  showNotice,
  todayInParis,
  upper,
  withNotice
} from "./HouseholdViews.js"
import { quotientRoutes } from "./Quotients.js"

/** Households shown per page of the list. */
const pageSize = 50


const blank = (value: string) => value.trim() === ""

/** `{ key: value }` when the value is filled, `{}` otherwise (an optional field left empty is absent). */
const filledOnly = (key: string, value: string): Record<string, string> => (blank(value) ? {} : { [key]: value })

const read = (form: FormFields, names: ReadonlyArray<string>, maxLength = 200): Record<string, string> =>
  Object.fromEntries(names.map((name) => [name, form.text(name, { maxLength })]))

const addressFields = ["adresse", "complement", "codePostal", "commune"] as const
const contactFields = ["email", "telephone1", "libelle1", "telephone2", "libelle2"] as const
const detailFields = ["nomFamille", ...addressFields, ...contactFields, "residence"] as const
const adultFieldNames = ["prenom", "nom", "lien", "email", "telephone"] as const
const childFieldNames = ["prenom", "nom", "naissance", "ecole", "niveau", "allergies", "remarques", "aeeh"] as const

const adultSlots = [1, 2] as const
const childSlots = [1, 2, 3, 4] as const

const phoneOf = (number: string, label: string) => (blank(number) && blank(label) ? [] : [{ ...filledOnly("number", number), ...filledOnly("label", label) }])

const detailsOf = (values: Record<string, string>) => ({
  ...filledOnly("familyName", values["nomFamille"] ?? ""),
  address: {
    ...filledOnly("line1", values["adresse"] ?? ""),
    ...filledOnly("line2", values["complement"] ?? ""),
    ...filledOnly("postalCode", values["codePostal"] ?? ""),
    ...filledOnly("city", values["commune"] ?? "")
  },
  contact: {
    ...filledOnly("email", values["email"] ?? ""),
    phones: [...phoneOf(values["telephone1"] ?? "", values["libelle1"] ?? ""), ...phoneOf(values["telephone2"] ?? "", values["libelle2"] ?? "")]
  },
  ...filledOnly("residency", values["residence"] ?? "")
})

const detailsFieldOfPath: Readonly<Record<string, string>> = {
  familyName: "nomFamille",
  address: "adresse",
  "address.line1": "adresse",
  "address.line2": "complement",
  "address.postalCode": "codePostal",
  "address.city": "commune",
  contact: "email",
  "contact.email": "email",
  "contact.phones.0": "telephone1",
  "contact.phones.0.number": "telephone1",
  "contact.phones.0.label": "libelle1",
  "contact.phones.1": "telephone2",
  "contact.phones.1.number": "telephone2",
  "contact.phones.1.label": "libelle2",
  residency: "residence",
  reference: "reference"
}

/** A phone's form fields follow the phones actually sent (an empty first one shifts the second). */
const phonesFieldOfPath = (values: Record<string, string>): Record<string, string> => {
  const slots = [1, 2].filter((slot) => !blank(values[`telephone${slot}`] ?? "") || !blank(values[`libelle${slot}`] ?? ""))
  return Object.fromEntries(
    slots.flatMap((slot, index) => [
      [`contact.phones.${index}`, `telephone${slot}`],
      [`contact.phones.${index}.number`, `telephone${slot}`],
      [`contact.phones.${index}.label`, `libelle${slot}`]
    ])
  )
}

const adultOf = (values: Record<string, string>, prefix: string, isPayer: boolean) => ({
  ...filledOnly("firstName", values[`${prefix}prenom`] ?? ""),
  ...filledOnly("lastName", values[`${prefix}nom`] ?? ""),
  ...filledOnly("relationship", values[`${prefix}lien`] ?? ""),
  ...filledOnly("email", values[`${prefix}email`] ?? ""),
  ...filledOnly("phone", values[`${prefix}telephone`] ?? ""),
  isPayer
})

const childOf = (values: Record<string, string>, prefix: string) => ({
  ...filledOnly("firstName", values[`${prefix}prenom`] ?? ""),
  ...filledOnly("lastName", values[`${prefix}nom`] ?? ""),
  ...filledOnly("birthDate", values[`${prefix}naissance`] ?? ""),
  ...filledOnly("school", values[`${prefix}ecole`] ?? ""),
  ...filledOnly("schoolLevel", values[`${prefix}niveau`] ?? ""),
  ...filledOnly("allergies", values[`${prefix}allergies`] ?? ""),
  ...filledOnly("notes", values[`${prefix}remarques`] ?? ""),
  aeeh: values[`${prefix}aeeh`] === "oui"
})

const memberFieldOfPath = (prefix: string, base = ""): Record<string, string> => ({
  [`${base}firstName`]: `${prefix}prenom`,
  [`${base}lastName`]: `${prefix}nom`,
  [`${base}relationship`]: `${prefix}lien`,
  [`${base}email`]: `${prefix}email`,
  [`${base}phone`]: `${prefix}telephone`,
  [`${base}isPayer`]: `${prefix}payeur`,
  [`${base}birthDate`]: `${prefix}naissance`,
  [`${base}school`]: `${prefix}ecole`,
  [`${base}schoolLevel`]: `${prefix}niveau`,
  [`${base}allergies`]: `${prefix}allergies`,
  [`${base}notes`]: `${prefix}remarques`,
  [`${base}aeeh`]: `${prefix}aeeh`
})

const schoolLevelOptions = (selected: string) => [
  { value: "", label: "Non scolarisé ou non renseigné", selected: selected === "" },
  ...SchoolLevel.schoolLevels.map((level) => ({ value: level, label: level, selected: selected === level }))
]

const residencyOptions = (selected: string) => [
  { value: "resident", label: "Le foyer habite la commune", selected: selected === "resident" },
  { value: "non-resident", label: "Le foyer n'habite pas la commune (tarif non-résident)", selected: selected === "non-resident" }
]

/** The next free reference of the `FAM-000123` kind, offered when creating a household. */
const nextReference = (households: ReadonlyArray<Household>): string => {
  const numbers = households.map((h) => /^FAM-(\d+)$/.exec(h.reference)?.[1]).filter((n): n is string => n !== undefined).map(Number)
  return `FAM-${String((numbers.length === 0 ? 0 : Math.max(...numbers)) + 1).padStart(6, "0")}`
}

const newHouseholdTitle = "Créer un foyer"

/** The form fields of one slot (`adulte1-prenom`…) with the values typed, as the template reads them. */
const slotFields = (prefix: string, names: ReadonlyArray<string>, values: Record<string, string>) =>
  Object.fromEntries(names.map((name) => [name, { name: `${prefix}${name}`, value: values[`${prefix}${name}`] ?? "" }]))

const newHouseholdModel = (values: Record<string, string>) => ({
  title: newHouseholdTitle,
  values,
  residencyOptions: residencyOptions(values["residence"] ?? "resident"),
  adults: adultSlots.map((slot) => ({
    slot,
    f: slotFields(`adulte${slot}-`, adultFieldNames, values),
    legend: slot === 1 ? "Premier responsable légal" : "Second responsable légal",
    optional: slot !== 1,
    payer: (values["payeur"] ?? "1") === String(slot)
  })),
  children: childSlots.map((slot) => ({
    slot,
    f: slotFields(`enfant${slot}-`, childFieldNames, values),
    legend: `Enfant ${slot}`,
    levels: schoolLevelOptions(values[`enfant${slot}-niveau`] ?? ""),
    aeeh: values[`enfant${slot}-aeeh`] === "oui"
  })),
  backHref: agentPaths.households
})

const adultFormNames = adultSlots.flatMap((slot) => adultFieldNames.map((name) => `adulte${slot}-${name}`))
const childFormNames = childSlots.flatMap((slot) => childFieldNames.map((name) => `enfant${slot}-${name}`))

const editTitle = (household: Household) => `Modifier le foyer ${household.familyName}`

const detailValues = (household: Household): Record<string, string> => ({
  nomFamille: household.familyName,
  adresse: household.address.line1,
  complement: household.address.line2 ?? "",
  codePostal: household.address.postalCode,
  commune: household.address.city,
  email: household.contact.email,
  telephone1: household.contact.phones[0]?.number ?? "",
  libelle1: household.contact.phones[0]?.label ?? "",
  telephone2: household.contact.phones[1]?.number ?? "",
  libelle2: household.contact.phones[1]?.label ?? "",
  residence: household.residency
})

const editModel = (household: Household, values: Record<string, string>) => ({
  title: editTitle(household),
  household: householdIdentityView(household),
  values,
  residencyOptions: residencyOptions(values["residence"] ?? household.residency),
  action: agentHouseholdPath(household.id, "modifier"),
  backHref: agentHouseholdPath(household.id)
})

const memberValues = (member: Adult | Child): Record<string, string> =>
  "birthDate" in member
    ? {
        prenom: member.firstName,
        nom: member.lastName,
        naissance: member.birthDate,
        ecole: member.school ?? "",
        niveau: member.schoolLevel ?? "",
        allergies: member.allergies ?? "",
        remarques: member.notes ?? "",
        aeeh: member.aeeh ? "oui" : ""
      }
    : {
        prenom: member.firstName,
        nom: member.lastName,
        lien: member.relationship ?? "",
        email: member.email ?? "",
        telephone: member.phone ?? "",
        payeur: member.isPayer ? "oui" : ""
      }

const memberFormModel = (kind: MemberKind, values: Record<string, string>) => ({
  kind,
  isChild: kind === "child",
  values,
  levels: schoolLevelOptions(values["niveau"] ?? ""),
  aeeh: values["aeeh"] === "oui",
  payer: values["payeur"] === "oui"
})

const memberDetailsOf = (kind: MemberKind, values: Record<string, string>) =>
  kind === "child" ? childOf(values, "") : adultOf(values, "", values["payeur"] === "oui")

const readMember = (form: FormFields, kind: MemberKind): Record<string, string> =>
  kind === "child"
    ? { ...read(form, childFieldNames.filter((n) => n !== "allergies" && n !== "remarques")), ...read(form, ["allergies", "remarques"], 1000) }
    : read(form, [...adultFieldNames, "payeur"], 254)

const kindOfQuery = (value: unknown): MemberKind => (value === "adulte" ? "adult" : "child")

const newMemberTitle = (kind: MemberKind) => (kind === "child" ? "Ajouter un enfant" : "Ajouter un responsable légal")

/** Whether the agent may act, shown on the pages so the buttons match the role. */
const abilities = (agent: AgentActor) => ({
  canWrite: agentCan(agent, "households.write"),
  canManageAccounts: agentCan(agent, "accounts.manage"),
  canReadRequests: agentCan(agent, "requests.read"),
  canReadBilling: agentCan(agent, "billing.read")
})

/**
 * The back office's households ("Foyers"): search (`GET /agents/foyers`, households.read), create a
 * household with its family account (`/agents/foyers/nouveau`, households.write, audited
 * `households.create`), everything the family sees on one page (`/agents/foyers/:householdId`),
 * edit it (`…/modifier`, audited `households.update`), add or edit a member (`…/membres/…`, the
 * child's agenda there), send the connection details again (`…/compte/:accountId/identifiants`,
 * audited `accounts.resendActivation`), lock or unlock the account (`…/verrouillage`, accounts.manage,
 * audited `accounts.disable` / `accounts.enable`).
 */
export function householdRoutes(router: Router<PortalState>, kit: PortalKit): void {
  router.get(agentPaths.households, async (ctx: PortalContext) => {
    const agent = requireAgentPermission(ctx, "households.read")
    const query = typeof ctx.query["q"] === "string" ? ctx.query["q"].slice(0, 200) : ""
    const pageNumber = Math.max(1, Math.min(10_000, Number.parseInt(typeof ctx.query["page"] === "string" ? ctx.query["page"] : "1", 10) || 1))
    const found = await kit.run(Effect.flatMap(HouseholdRepository, (households) => (query.trim() === "" ? households.list : households.search(query))))
    const shown = found.slice((pageNumber - 1) * pageSize, pageNumber * pageSize)
    const accounts = await kit.run(Effect.flatMap(AccountRepository, (repository) => Effect.forEach(shown, (h) => repository.listByHousehold(h.id))))
    const pages = Math.max(1, Math.ceil(found.length / pageSize))
    const pageHref = (n: number) => `${agentPaths.households}?${new URLSearchParams({ ...(query === "" ? {} : { q: query }), page: String(n) }).toString()}`
    kit.render(ctx, "agents-households", {
      title: query === "" ? "Foyers" : `Foyers – recherche « ${query} »`,
      query,
      searched: query.trim() !== "",
      total: found.length,
      households: shown.map((household, i) => ({
        ...householdIdentityView(household),
        children: household.children.map((c) => `${c.firstName} ${upper(c.lastName)}`),
        account: accountsSummary(accounts[i] ?? [])
      })),
      pagination: pages > 1 ? { page: pageNumber, pages, ...(pageNumber > 1 ? { previous: pageHref(pageNumber - 1) } : {}), ...(pageNumber < pages ? { next: pageHref(pageNumber + 1) } : {}) } : undefined,
      canWrite: agentCan(agent, "households.write"),
      newHref: agentHouseholdPaths.newHousehold
    })
  })

  router.get(agentHouseholdPaths.newHousehold, async (ctx: PortalContext) => {
    requireAgentPermission(ctx, "households.write")
    const households = await kit.run(Effect.flatMap(HouseholdRepository, (repository) => repository.list))
    kit.render(ctx, "agents-household-new", newHouseholdModel({ reference: nextReference(households), residence: "resident", payeur: "1" }))
  })

  router.post(agentHouseholdPaths.newHousehold, async (ctx: PortalContext) => {
    const agent = requireAgentPermission(ctx, "households.read")
    const form = formOf(ctx)
    const values = {
      ...read(form, ["reference", ...detailFields, "payeur"], 254),
      ...read(form, adultFormNames, 254),
      ...read(form, childFormNames.filter((n) => !n.endsWith("-allergies") && !n.endsWith("-remarques")), 254),
      ...read(form, childFormNames.filter((n) => n.endsWith("-allergies") || n.endsWith("-remarques")), 1000)
    }
    const adultsSent = adultSlots.filter((slot) => slot === 1 || adultFieldNames.some((name) => !blank(values[`adulte${slot}-${name}`] ?? "")))
    const childrenSent = childSlots.filter((slot) => childFieldNames.some((name) => name !== "aeeh" && !blank(values[`enfant${slot}-${name}`] ?? "")))
    ctx.state.formView = {
      page: "agents-household-new",
      title: newHouseholdTitle,
      model: newHouseholdModel(values),
      fieldOfPath: {
        ...detailsFieldOfPath,
        ...phonesFieldOfPath(values),
        adults: "payeur",
        ...Object.fromEntries(adultsSent.flatMap((slot, index) => Object.entries(memberFieldOfPath(`adulte${slot}-`, `adults.${index}.`)))),
        ...Object.fromEntries(childrenSent.flatMap((slot, index) => Object.entries(memberFieldOfPath(`enfant${slot}-`, `children.${index}.`))))
      },
      fieldOfTag: { HouseholdReferenceTaken: "reference" }
    }
    const registration = {
      ...filledOnly("reference", values["reference"] ?? ""),
      ...detailsOf(values),
      adults: adultsSent.map((slot) => adultOf(values, `adulte${slot}-`, values["payeur"] === String(slot))),
      children: childrenSent.map((slot) => childOf(values, `enfant${slot}-`))
    }
    const created = await kit.run(createHousehold(agent, registration))
    seeOther(ctx, withNotice(agentHouseholdPath(created.household.id), "foyer-cree"))
  })

  router.get(agentHouseholdPaths.household, async (ctx: PortalContext) => {
    const agent = requireAgentPermission(ctx, "households.read")
    showNotice(ctx)
    const householdId = householdParam(ctx)
    const household = await loadHousehold(kit, householdId)
    const today = await todayInParis(kit)
    const horizon = LocalDate.addDays(today, 27)
    const { names, services } = await activityNamesOf(kit)
    const [records, enrollments, agenda, requests, account, documents, accounts] = await kit.run(
      Effect.all([
        quotientHistory(householdId),
        enrollmentsOfHousehold(householdId),
        agendaOfHousehold(householdId, today, horizon),
        Effect.flatMap(RequestRepository, (repository) => repository.listByHousehold(householdId)),
        loadHouseholdAccount(householdId),
        listHouseholdDocuments(agent, householdId),
        Effect.flatMap(AccountRepository, (repository) => repository.listByHousehold(householdId))
      ])
    )
    const serviceLabel = (family: string) => services.find((s) => s.family === family)?.label ?? family
    const can = abilities(agent)
    kit.render(ctx, "agents-household", {
      title: `Foyer ${household.familyName} (${household.reference})`,
      identity: householdIdentityView(household),
      ...can,
      editHref: agentHouseholdPath(householdId, "modifier"),
      newChildHref: `${agentHouseholdPath(householdId, "membres", "nouveau")}?type=enfant`,
      newAdultHref: `${agentHouseholdPath(householdId, "membres", "nouveau")}?type=adulte`,
      quotientHref: agentHouseholdPath(householdId, "qf"),
      adults: household.adults.map((a) => adultView(householdId, a)),
      children: household.children.map((c) => {
        const entries = agenda.filter((e) => e.childId === c.id)
        return {
          ...childView(householdId, c, today),
          upcoming: entries.filter((e) => e.status === "booked").length,
          waiting: entries.filter((e) => e.status === "waitlisted" || e.status === "offered").length,
          next: agendaLines(entries.filter((e) => e.status === "booked" || e.status === "offered" || e.status === "waitlisted").slice(0, 5), names)
        }
      }),
      horizon,
      quotients: quotientsView(records, today),
      enrollments: [...enrollments]
        .sort((a, b) => (a.schoolYear < b.schoolYear ? 1 : a.schoolYear > b.schoolYear ? -1 : 0))
        .map((e) => ({
          child: household.child(e.childId)?.firstName ?? e.childId,
          schoolYear: e.schoolYear,
          service: serviceLabel(e.enrollmentFamily),
          status: enrollmentStatusLabel(e.status)
        })),
      requests: requests.map((r) => ({
        id: r.id,
        kind: requestKindLabel(r.payload),
        status: requestStatusLabel[r.status],
        submittedAt: r.submittedAt,
        updatedAt: r.updatedAt,
        href: agentRequestPath(r.id)
      })),
      invoices: account.invoices.map((s) => ({
        number: s.invoice.number,
        period: s.invoice.period,
        issuedOn: s.invoice.issuedOn,
        dueOn: s.invoice.dueOn,
        net: s.net,
        remaining: s.remaining,
        status: invoiceStatusLabel(s.status),
        href: agentInvoicePath(s.invoice.id)
      })),
      balance: account.balance,
      owes: account.balance > 0,
      inCredit: account.balance < 0,
      credit: -account.balance,
      documents: documents.map(documentLineView),
      accounts: accounts.map((a) => accountView(householdId, a))
    })
  })

  router.get(agentHouseholdPaths.householdEdit, async (ctx: PortalContext) => {
    requireAgentPermission(ctx, "households.write")
    const household = await loadHousehold(kit, householdParam(ctx))
    kit.render(ctx, "agents-household-edit", editModel(household, detailValues(household)))
  })

  router.post(agentHouseholdPaths.householdEdit, async (ctx: PortalContext) => {
    const agent = requireAgentPermission(ctx, "households.read")
    const household = await loadHousehold(kit, householdParam(ctx))
    const values = read(formOf(ctx), detailFields, 254)
    ctx.state.formView = {
      page: "agents-household-edit",
      title: editTitle(household),
      model: editModel(household, values),
      fieldOfPath: { ...detailsFieldOfPath, ...phonesFieldOfPath(values) }
    }
    await kit.run(updateHousehold(agent, { householdId: household.id, details: detailsOf(values) }))
    seeOther(ctx, withNotice(agentHouseholdPath(household.id), "foyer-modifie"))
  })

  const newMemberModel = (household: Household, kind: MemberKind, values: Record<string, string>) => ({
    title: newMemberTitle(kind),
    household: householdIdentityView(household),
    ...memberFormModel(kind, values),
    showForm: true,
    action: agentHouseholdPath(household.id, "membres", "nouveau"),
    backHref: agentHouseholdPath(household.id)
  })

  router.get(agentHouseholdPaths.newMember, async (ctx: PortalContext) => {
    requireAgentPermission(ctx, "households.write")
    const household = await loadHousehold(kit, householdParam(ctx))
    const kind = kindOfQuery(ctx.query["type"])
    kit.render(ctx, "agents-household-member", newMemberModel(household, kind, kind === "child" ? { nom: household.familyName } : {}))
  })

  router.post(agentHouseholdPaths.newMember, async (ctx: PortalContext) => {
    const agent = requireAgentPermission(ctx, "households.read")
    const household = await loadHousehold(kit, householdParam(ctx))
    const form = formOf(ctx)
    const kind = kindOfQuery(form.text("type", { maxLength: 10 }))
    const values = readMember(form, kind)
    ctx.state.formView = { page: "agents-household-member", title: newMemberTitle(kind), model: newMemberModel(household, kind, values), fieldOfPath: memberFieldOfPath("") }
    await kit.run(addHouseholdMember(agent, { householdId: household.id, kind, details: memberDetailsOf(kind, values) }))
    seeOther(ctx, withNotice(agentHouseholdPath(household.id), "membre-ajoute"))
  })

  const memberOf = (household: Household, ctx: PortalContext): { readonly kind: MemberKind; readonly member: Adult | Child } => {
    const memberId = idParam(ctx, "memberId", MemberId, (raw) => new HouseholdMemberNotFound({ householdId: household.id, memberId: raw }))
    const adult = household.adults.find((a) => a.id === memberId)
    if (adult !== undefined) return { kind: "adult", member: adult }
    const child = household.child(memberId)
    return child === undefined ? refuse(new HouseholdMemberNotFound({ householdId: household.id, memberId })) : { kind: "child", member: child }
  }

  const memberPage = async (agent: AgentActor, household: Household, kind: MemberKind, member: Adult | Child, values: Record<string, string>) => {
    const today = await todayInParis(kit)
    const from = LocalDate.addDays(today, -14)
    const to = LocalDate.addDays(today, 41)
    const agenda = kind === "child" ? await kit.run(agendaOfChild(member.id, from, to)) : []
    const { names } = await activityNamesOf(kit)
    return {
      title: `${member.firstName} ${upper(member.lastName)} – foyer ${household.familyName}`,
      household: householdIdentityView(household),
      member: "birthDate" in member ? childView(household.id, member, today) : adultView(household.id, member),
      ...memberFormModel(kind, values),
      editing: true,
      showForm: agentCan(agent, "households.write"),
      agenda: agendaLines(agenda.filter((e) => e.householdId === household.id), names),
      agendaFrom: from,
      agendaTo: to,
      action: agentHouseholdPath(household.id, "membres", member.id),
      backHref: agentHouseholdPath(household.id)
    }
  }

  router.get(agentHouseholdPaths.member, async (ctx: PortalContext) => {
    const agent = requireAgentPermission(ctx, "households.read")
    showNotice(ctx)
    const household = await loadHousehold(kit, householdParam(ctx))
    const { kind, member } = memberOf(household, ctx)
    kit.render(ctx, "agents-household-member", await memberPage(agent, household, kind, member, memberValues(member)))
  })

  router.post(agentHouseholdPaths.member, async (ctx: PortalContext) => {
    const agent = requireAgentPermission(ctx, "households.read")
    const household = await loadHousehold(kit, householdParam(ctx))
    const { kind, member } = memberOf(household, ctx)
    const values = readMember(formOf(ctx), kind)
    const model = await memberPage(agent, household, kind, member, values)
    ctx.state.formView = { page: "agents-household-member", title: model.title, model, fieldOfPath: memberFieldOfPath("") }
    await kit.run(updateHouseholdMember(agent, { householdId: household.id, memberId: member.id, details: memberDetailsOf(kind, values) }))
    seeOther(ctx, withNotice(agentHouseholdPath(household.id), "membre-modifie"))
  })

  const accountOf = async (ctx: PortalContext, householdId: HouseholdId): Promise<Account> => {
    const accountId = idParam(ctx, "accountId", AccountId, (raw) => new PageNotFound({ path: raw }))
    const accounts = await kit.run(Effect.flatMap(AccountRepository, (repository) => repository.listByHousehold(householdId)))
    return accounts.find((a) => a.id === accountId) ?? refuse(new AccountNotFound({ accountId }))
  }

  router.post(agentHouseholdPaths.activation, async (ctx: PortalContext) => {
    const agent = requireAgentPermission(ctx, "households.read")
    const householdId = householdParam(ctx)
    await loadHousehold(kit, householdId)
    const accountId = ctx.params["accountId"] === "nouveau" ? undefined : (await accountOf(ctx, householdId)).id
    const sent = await kit.run(resendHouseholdActivation(agent, { householdId, ...(accountId === undefined ? {} : { accountId }) }))
    seeOther(ctx, withNotice(agentHouseholdPath(householdId), sent.created ? "compte-cree" : "identifiants-envoyes"))
  })

  router.post(agentHouseholdPaths.lock, async (ctx: PortalContext) => {
    const agent = requireAgentPermission(ctx, "households.read")
    const householdId = householdParam(ctx)
    await loadHousehold(kit, householdId)
    const account = await accountOf(ctx, householdId)
    const lock = formOf(ctx).text("action", { maxLength: 20 }) !== "deverrouiller"
    await kit.run(lock ? disableAccount(agent, { accountId: account.id }) : enableAccount(agent, { accountId: account.id }))
    seeOther(ctx, withNotice(agentHouseholdPath(householdId), lock ? "compte-verrouille" : "compte-deverrouille"))
  })
}

/**
 * Every page of the back office about households: `householdRoutes`, the QF (`quotientRoutes`)
 * and the supporting documents under review (`documentReviewRoutes`).
 */
export function agentHouseholdRoutes(router: Router<PortalState>, kit: PortalKit): void {
  householdRoutes(router, kit)
  quotientRoutes(router, kit)
  documentReviewRoutes(router, kit)
}
