import {
  ActivityCatalogue,
  childEnrollmentState,
  type ChildEnrollmentState,
  Clock,
  enrollmentSchoolYearsOn,
  enrollmentServices,
  enrollmentsOfHousehold,
  type FamilyActor,
  HouseholdRepository,
  listFamilyRequests,
  ParisTime,
  requestEnrollment
} from "@spe/core"
import type Router from "@koa/router"
import { Effect } from "effect"
import { seeOther } from "../middleware/Errors.js"
import { formOf, type PortalContext, type PortalState } from "../PortalContext.js"
import type { PortalKit } from "../PortalKit.js"
import { portalPaths, requestPath } from "../PortalPaths.js"
import { familyActor } from "./Requests.js"

const title = "Dossier unique d'inscription"

/** What the family chose in the form, kept as typed when it is shown again. */
interface EnrollmentValues {
  readonly enfant: string
  readonly annee: string
  readonly services: ReadonlyArray<string>
  readonly message: string
}

const emptyValues: EnrollmentValues = { enfant: "", annee: "", services: [], message: "" }

const serviceField = (family: string): string => `service-${family}`

const stateModel = (state: ChildEnrollmentState) => {
  switch (state._tag) {
    case "Enrolled":
      return { tag: "enrolled", stateLabel: "Inscription acceptée" }
    case "Requested":
      return { tag: "requested", stateLabel: "Demande en cours", ...(state.requestId === undefined ? {} : { requestHref: requestPath(state.requestId) }) }
    case "Refused":
      return { tag: "refused", stateLabel: "Inscription refusée", reason: state.reason }
    case "NotEnrolled":
      return { tag: "none", stateLabel: "Pas d'inscription" }
  }
}

/** The household's children, where each stands for the current and the next school year, and the form's choices. */
const loadModel = (kit: PortalKit, family: FamilyActor, values: EnrollmentValues) =>
  kit.run(
    Effect.gen(function* () {
      const householdId = family.householdId
      if (householdId === undefined) return yield* Effect.dieMessage("A family actor without a household reached the enrollment page")
      const household = yield* (yield* HouseholdRepository).get(householdId)
      const services = enrollmentServices(yield* (yield* ActivityCatalogue).list)
      const enrollments = yield* enrollmentsOfHousehold(householdId)
      const requests = yield* listFamilyRequests(family, { kinds: ["Enrollment"] })
      const years = enrollmentSchoolYearsOn(ParisTime.dateAt(yield* (yield* Clock).now))
      return {
        title,
        years,
        servicesList: services.map((s) => s.label),
        children: household.children.map((child) => ({
          id: child.id,
          name: `${child.firstName} ${child.lastName}`,
          years: years.map((schoolYear) => ({
            schoolYear,
            services: services.map((service) => ({
              label: service.label,
              ...stateModel(childEnrollmentState(child.id, schoolYear, service.family, enrollments, requests))
            }))
          }))
        })),
        form: {
          children: household.children.map((child, i) => ({
            inputId: i === 0 ? "enfant" : `enfant-${i + 1}`,
            value: child.id,
            label: `${child.firstName} ${child.lastName}`,
            checked: values.enfant === child.id
          })),
          years: years.map((schoolYear, i) => ({
            inputId: i === 0 ? "annee" : `annee-${i + 1}`,
            value: schoolYear,
            label: `Année scolaire ${schoolYear}`,
            checked: values.annee === schoolYear
          })),
          services: services.map((service, i) => ({
            inputId: i === 0 ? "services" : `services-${i + 1}`,
            name: serviceField(service.family),
            label: service.label,
            checked: values.services.includes(service.family)
          }))
        },
        values,
        action: portalPaths.enrollment,
        requestsHref: portalPaths.latestRequests
      }
    })
  )

/**
 * "Dossier unique d'inscription": for each child, whether it is enrolled in each service for the
 * current and the next school year, and the form that asks the Service à la population to enroll
 * a child (the core's `requestEnrollment`: one request per service chosen, followed in
 * "Dernières demandes").
 */
export function enrollmentRoutes(router: Router<PortalState>, kit: PortalKit): void {
  router.get(portalPaths.enrollment, async (ctx: PortalContext) => {
    const family = familyActor(ctx)
    kit.render(ctx, "enrollment", await loadModel(kit, family, emptyValues))
  })

  router.post(portalPaths.enrollment, async (ctx: PortalContext) => {
    const family = familyActor(ctx)
    const form = formOf(ctx)
    const services = enrollmentServices(await kit.run(Effect.flatMap(ActivityCatalogue, (catalogue) => catalogue.list)))
    const values: EnrollmentValues = {
      enfant: form.text("enfant", { maxLength: 64, label: "Enfant" }),
      annee: form.text("annee", { maxLength: 9, label: "Année scolaire" }),
      services: services.filter((s) => form.text(serviceField(s.family), { maxLength: 3, label: s.label }) !== "").map((s) => s.family),
      message: form.text("message", { maxLength: 10_000, label: "Message" })
    }
    ctx.state.formView = {
      page: "enrollment",
      title,
      model: await loadModel(kit, family, values),
      fieldOfPath: { childId: "enfant", schoolYear: "annee", activityFamilies: "services" },
      fieldOfTag: { EnrollmentAlreadyRequested: "services" }
    }
    const requests = await kit.run(
      requestEnrollment(family, { childId: values.enfant, schoolYear: values.annee, activityFamilies: values.services, message: values.message })
    )
    const [only] = requests
    seeOther(ctx, requests.length === 1 && only !== undefined ? `${requestPath(only.id)}?message=dossier-envoye` : `${portalPaths.latestRequests}?message=dossiers-envoyes`)
  })
}
