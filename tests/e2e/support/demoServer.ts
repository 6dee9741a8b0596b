import { type ChildProcess, spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

const repositoryRoot = fileURLToPath(new URL("../../../", import.meta.url))

/** The demo town served as `npm start` serves it, on a fresh embedded database. */
export interface DemoServer {
  readonly url: string
  /** Everything the server printed (address, demo logins, warnings). */
  readonly output: () => string
  readonly stop: () => Promise<void>
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once("error", reject)
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      probe.close(() => resolve(port))
    })
  })

/** How the browser suite's server differs from `npm start`'s: the clock's start, PayFiP instead of the sandbox. */
export interface DemoServerOptions {
  /** `SPE_CLOCK_START`: the instant the server's clock shows at start (the demo town's "now"). */
  readonly clockStart: string
  /** The PayFiP service to pay through (the local simulator's addresses). */
  readonly payfip?: { readonly soapUrl: string; readonly serviceUrl: string }
}

/**
 * Starts `spe serve` (what `npm start` runs) as a child process on a free port, with a fresh data
 * folder for the embedded database: it migrates, seeds the demo town, serves the portal and sends
 * its mails to the dev mailbox (`/dev/mail`). Resolves once the portal's address is printed.
 */
export async function startDemoServer(options: DemoServerOptions): Promise<DemoServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "spe-e2e-"))
  const port = await freePort()
  const env: Record<string, string | undefined> = {
    ...process.env,
    SPE_DATA_DIR: dataDir,
    SPE_PORT: String(port),
    SPE_PUBLIC_URL: `http://127.0.0.1:${port}`,
    SPE_CLOCK_START: options.clockStart,
    ...(options.payfip === undefined
      ? {}
      : { SPE_PAYMENT_GATEWAY: "payfip", PAYFIP_NUMCLI: "076320", PAYFIP_SOAP_URL: options.payfip.soapUrl, PAYFIP_SERVICE_URL: options.payfip.serviceUrl })
  }
  delete env["DATABASE_URL"]
  delete env["SPE_CONFIG"]
  const child: ChildProcess = spawn(join(repositoryRoot, "node_modules/.bin/tsx"), ["packages/server/src/bin/spe.ts", "serve"], {
    cwd: repositoryRoot,
    env: { ...env, INIT_CWD: repositoryRoot },
    stdio: ["ignore", "pipe", "pipe"]
  })
  let printed = ""
  child.stdout?.on("data", (chunk: Buffer) => (printed += chunk.toString("utf8")))
  child.stderr?.on("data", (chunk: Buffer) => (printed += chunk.toString("utf8")))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /Portail de .* : (http:\/\/\S+)/.exec(printed)
      if (match?.[1] !== undefined) {
        clearInterval(timer)
        resolve(match[1])
      }
    }, 100)
    child.once("exit", (code) => {
      clearInterval(timer)
      reject(new Error(`spe serve stopped (code ${code}) before serving:\n${printed}`))
    })
  })
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()))
      child.kill("SIGINT")
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))])
      if (child.exitCode === null) child.kill("SIGKILL")
    }
    child.stdout?.destroy()
    child.stderr?.destroy()
    rmSync(dataDir, { recursive: true, force: true })
  }
  return { url, output: () => printed, stop }
}
