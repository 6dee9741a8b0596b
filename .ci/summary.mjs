// Sums vitest's JSON reports into the one closing line CI reads; a suite that exited non-zero
// without reporting a failed test (type errors, a file that would not load) counts as one failure.
import { existsSync, readFileSync } from "node:fs"

let passed = 0
let failed = 0
for (const arg of process.argv.slice(2)) {
  const [name, code, file] = arg.split(":")
  const exitCode = Number(code)
  let suiteFailed = 0
  if (existsSync(file)) {
    const report = JSON.parse(readFileSync(file, "utf8"))
    passed += report.numPassedTests
    suiteFailed = report.numFailedTests + report.testResults.filter((r) => r.status === "failed" && r.assertionResults.length === 0).length
    if (report.numTotalTests === 0) {
      console.log(`${name}: no test ran`)
      suiteFailed = Math.max(suiteFailed, 1)
    }
  }
  if (exitCode !== 0 && suiteFailed === 0) suiteFailed = 1
  if (suiteFailed > 0) console.log(`${name}: failed (exit ${exitCode})`)
  failed += suiteFailed
}
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
