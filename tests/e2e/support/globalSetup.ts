import { demoNow } from "@spe/example-saint-pierre-les-elbeuf"
import { type PayfipSimulator, startPayfipSimulator } from "@spe/payment"
import type { TestProject } from "vitest/node"
import { chromiumIsPresent, chromiumMissingMessage } from "./chromium.js"
import { type DemoServer, startDemoServer } from "./demoServer.js"

declare module "vitest" {
  export interface ProvidedContext {
    /** The address of the demo town served by `spe serve` for the whole browser suite. */
    readonly demoUrl: string
  }
}

let server: DemoServer | undefined
let payfip: PayfipSimulator | undefined

/**
 * Before the browser suite: fails at once, and loudly, when Chromium is missing; then serves the
 * demo town as `npm start` does (fresh embedded database), its clock starting at the demo's "now",
 * paying through the local PayFiP simulator, and gives its address to the tests.
 */
export async function setup(project: TestProject): Promise<void> {
  if (!chromiumIsPresent()) throw new Error(chromiumMissingMessage)
  payfip = await startPayfipSimulator()
  server = await startDemoServer({ clockStart: demoNow, payfip: { soapUrl: payfip.soapUrl, serviceUrl: payfip.serviceUrl } })
  project.provide("demoUrl", server.url)
}

export async function teardown(): Promise<void> {
  await server?.stop()
  await payfip?.close()
}
