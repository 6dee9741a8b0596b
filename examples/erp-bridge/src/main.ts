import { writeFile } from "node:fs/promises"
import { parseArgs } from "node:util"
import { BridgeError, exportMonth } from "./Bridge.js"

const usage = "Usage : npm run -w examples/erp-bridge start -- --url https://espace-citoyen.mairie.fr --key spe_… --month 2026-10 --out titres.csv"

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { url: { type: "string" }, key: { type: "string" }, month: { type: "string" }, out: { type: "string" } },
    strict: true
  })
  const key = values.key ?? process.env["SPE_API_KEY"]
  if (values.url === undefined || key === undefined || values.month === undefined || values.out === undefined) {
    console.error(usage)
    return 2
  }
  try {
    const exported = await exportMonth({ url: values.url, key }, values.month)
    await writeFile(values.out, exported.text, "utf8")
    console.log(`${exported.invoices} facture(s) lue(s), ${exported.titres} titre(s) écrit(s) dans ${values.out}.`)
    return 0
  } catch (error) {
    console.error(error instanceof BridgeError || error instanceof RangeError ? error.message : error)
    return 1
  }
}

process.exitCode = await main()
