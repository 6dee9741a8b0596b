import { execFileSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"

describe("the embed example", () => {
  it("prints explained prices, a simulation and a month billed line by line", () => {
    const script = fileURLToPath(new URL("./main.ts", import.meta.url))
    const output = execFileSync(process.execPath, ["--import", "tsx", script], { encoding: "utf8" })
    expect(output).toContain("Majoration non-résident (+20 %) : +0,62 €")
    expect(output).toContain("Aucun quotient familial valide à cette date : le tarif le plus élevé s'applique.")
    expect(output).toContain("Estimation pour un mois de 4 semaines : 73,60 €")
    expect(output).toContain("jeudi 5 mars 2026 : Réservation annulée dans les délais — non facturé")
    expect(output).toContain("jeudi 12 mars 2026 : Présent sans réservation, 6,00 €")
    expect(output).toContain("Total : 15,20 €")
  })
})
