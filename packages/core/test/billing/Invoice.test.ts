import { fc, test } from "@fast-check/vitest"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import * as Cents from "../../src/shared/Cents.js"
import { ActivityId, CreditNoteId, HouseholdId, InvoiceId, MemberId, RegieId, SessionId } from "../../src/shared/Ids.js"
import * as LocalDate from "../../src/shared/LocalDate.js"
import { unsafeBillingMonth } from "../../src/billing/BillingMonth.js"
import { billingRuleLabel } from "../../src/billing/BillingRules.js"
import { checkCreditLines, CreditNote, CreditNoteLine, creditNoteTotal, invoiceNet } from "../../src/billing/CreditNote.js"
import { BilledRule, Invoice, InvoiceLine, invoiceLinesByChildAndActivity, invoiceTotal } from "../../src/billing/Invoice.js"

const children = [["child-lea", "Léa"], ["child-hugo", "Hugo"]] as const
const activities = [["canteen", "Restauration scolaire"], ["evening", "Accueil du soir"]] as const

const lineOf = (child: (typeof children)[number], activity: (typeof activities)[number], day: number, amount: number): InvoiceLine =>
  InvoiceLine.make({
    childId: MemberId.make(child[0]),
    childName: child[1],
    activityId: ActivityId.make(activity[0]),
    activityName: activity[1],
    sessionId: SessionId.make(`${activity[0]}-2026-03-${String(day).padStart(2, "0")}`),
    date: LocalDate.of(2026, 3, day),
    rule: BilledRule.make({ code: "booked-present", label: billingRuleLabel("booked-present") }),
    amount: Cents.cents(amount),
    pricing: {}
  })

const lineArbitrary = fc
  .tuple(fc.constantFrom(...children), fc.constantFrom(...activities), fc.integer({ min: 1, max: 31 }), fc.integer({ min: 0, max: 20_000 }))
  .map(([child, activity, day, amount]) => lineOf(child, activity, day, amount))

const linesArbitrary = fc.uniqueArray(lineArbitrary, { minLength: 1, maxLength: 30, selector: (l) => `${l.sessionId}/${l.childId}` })

const invoiceOf = (lines: ReadonlyArray<InvoiceLine>): Invoice =>
  Invoice.make({
    id: InvoiceId.make("inv-1"),
    number: "F-2026-000001",
    regieId: RegieId.make("regie-enfance"),
    householdId: HouseholdId.make("hh-martin"),
    period: unsafeBillingMonth("2026-03"),
    issuedOn: LocalDate.unsafe("2026-04-01"),
    dueOn: LocalDate.unsafe("2026-05-01"),
    lines: lines as [InvoiceLine, ...Array<InvoiceLine>]
  })

const creditOf = (invoice: Invoice, lines: ReadonlyArray<CreditNoteLine>, n: number): CreditNote =>
  CreditNote.make({
    id: CreditNoteId.make(`avoir-${n}`),
    number: `A-2026-${String(n).padStart(6, "0")}`,
    regieId: invoice.regieId,
    householdId: invoice.householdId,
    invoiceId: invoice.id,
    invoiceNumber: invoice.number,
    period: invoice.period,
    issuedOn: LocalDate.unsafe("2026-04-20"),
    reason: "Correction",
    lines: lines as [CreditNoteLine, ...Array<CreditNoteLine>]
  })

const withdrawal = (line: InvoiceLine, amount: number) =>
  CreditNoteLine.make({
    childId: line.childId,
    childName: line.childName,
    activityId: line.activityId,
    activityName: line.activityName,
    sessionId: line.sessionId,
    date: line.date,
    rule: BilledRule.make({ code: "absent-justified", label: billingRuleLabel("absent-justified") }),
    amount: Cents.cents(amount)
  })

describe("invoices and credit notes", () => {
  it("shows the Martin family's March invoice grouped by child and activity, in euros", () => {
    const [lea, hugo] = children
    const [canteen] = activities
    const invoice = invoiceOf([lineOf(lea, canteen, 5, 350), lineOf(hugo, canteen, 2, 298), lineOf(lea, canteen, 2, 350)])
    expect(Cents.formatEuros(invoiceTotal(invoice))).toBe("9,98 €")
    const groups = invoiceLinesByChildAndActivity(invoice.lines)
    expect(groups.map((g) => [g.childName, g.lines.map((l) => l.date), Cents.formatEuros(g.subtotal)])).toEqual([
      ["Léa", ["2026-03-02", "2026-03-05"], "7,00 €"],
      ["Hugo", ["2026-03-02"], "2,98 €"]
    ])
  })

  it("refuses a credit larger than what the invoice still bills for the session, naming both amounts", () => {
    const invoice = invoiceOf([lineOf(children[0], activities[0], 4, 350)])
    const line = invoice.lines[0]
    const first = creditOf(invoice, [withdrawal(line, 200)], 1)
    const refused = checkCreditLines(invoice, [first], [withdrawal(line, 200)])
    expect(Either.isLeft(refused) && refused.left.message).toBe(
      `L'avoir demandé pour ${line.childName} le ${LocalDate.formatFr(line.date)} (2,00 €) dépasse ce qui reste facturé pour cette séance sur la facture F-2026-000001 (1,50 €). Réduisez le montant de l'avoir.`
    )
    expect(Either.isRight(checkCreditLines(invoice, [first], [withdrawal(line, 150)]))).toBe(true)
  })

  test.prop([linesArbitrary])("invoice total = sum of lines, and of its child × activity groups", (lines) => {
    const invoice = invoiceOf(lines)
    const sum = lines.reduce((s, l) => s + l.amount, 0)
    expect(invoiceTotal(invoice)).toBe(sum)
    const groups = invoiceLinesByChildAndActivity(invoice.lines)
    expect(groups.reduce((s, g) => s + g.subtotal, 0)).toBe(sum)
    expect(groups.reduce((s, g) => s + g.lines.length, 0)).toBe(lines.length)
  })

  test.prop([linesArbitrary.chain((lines) => fc.tuple(fc.constant(lines), fc.array(fc.tuple(fc.nat(lines.length - 1), fc.integer({ min: 0, max: 20_000 })), { maxLength: 20 })))])(
    "invoice plus its credit notes nets to the corrected amount",
    ([lines, attempts]) => {
      const invoice = invoiceOf(lines)
      const notes: Array<CreditNote> = []
      const corrected = new Map(lines.map((l) => [l.sessionId + l.childId, l.amount as number]))
      for (const [index, amount] of attempts) {
        const line = lines[index]!
        const credit = withdrawal(line, amount)
        if (Either.isRight(checkCreditLines(invoice, notes, [credit]))) {
          notes.push(creditOf(invoice, [credit], notes.length + 1))
          corrected.set(line.sessionId + line.childId, corrected.get(line.sessionId + line.childId)! - amount)
        }
      }
      const correctedTotal = [...corrected.values()].reduce((s, a) => s + a, 0)
      expect([...corrected.values()].every((a) => a >= 0)).toBe(true)
      expect(invoiceNet(invoice, notes)).toBe(correctedTotal)
      expect(invoiceTotal(invoice) - notes.reduce((s, n) => s + creditNoteTotal(n), 0)).toBe(correctedTotal)
    }
  )
})
