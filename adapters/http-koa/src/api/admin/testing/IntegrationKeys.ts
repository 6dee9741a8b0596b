import { AccountId, AgentActor, type ApiScope, createIntegrationKey } from "@spe/core"
import type { TestPortal } from "../../../testing/TestPortal.js"

/** The administrator the tests create integration keys as. */
export const testAdmin = new AgentActor({ accountId: AccountId.make("acc-test-admin"), displayName: "Administratrice de test", role: "admin" })

/** Creates an integration key with these scopes through the core, as the back office does; its token and id. */
export async function integrationTokenFor(t: TestPortal, scopes: ReadonlyArray<ApiScope>, label = "Logiciel de test"): Promise<{ readonly token: string; readonly keyId: string }> {
  const created = await t.demo.runtime.runPromise(createIntegrationKey(testAdmin, { label, scopes }))
  return { token: created.token, keyId: created.key.id }
}
