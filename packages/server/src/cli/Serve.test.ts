import { Option } from "effect"
import { describe, expect, it } from "vitest"
import { PayfipSettings } from "@spe/payment"
import { paymentSetup } from "../ports/MailAndPayment.js"
import { portalOnlinePayment } from "./Serve.js"

describe("the portal's online payment, from the server's payment setup", () => {
  it("serves the sandbox's page in the demo, and sends nobody elsewhere", () => {
    const settings = { gateway: "sandbox", pageUrl: "http://127.0.0.1:8080/paiement/bac-a-sable" } as const
    const online = portalOnlinePayment(paymentSetup(settings), settings)
    expect(online.sandbox?.choiceLabels.card).toBe("Payer par carte")
    expect(Option.isNone(online.sandbox?.gateway.operation("inconnue") ?? Option.none())).toBe(true)
    expect(online.gatewayOrigins).toBeUndefined()
  })

  it("allows PayFiP's payment page as where the family is sent, with no sandbox", () => {
    const settings = {
      gateway: "payfip",
      payfip: PayfipSettings.make({
        numcli: "123456",
        saisie: "W",
        notificationUrl: "https://espace.mairie.fr/paiement/payfip/notification",
        returnUrl: "https://espace.mairie.fr/paiement/payfip/retour"
      })
    } as const
    const online = portalOnlinePayment(paymentSetup(settings), settings)
    expect(online.sandbox).toBeUndefined()
    expect(online.gatewayOrigins).toEqual(["https://www.payfip.gouv.fr"])
  })
})
