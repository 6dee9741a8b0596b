import type Router from "@koa/router"
import { MailOutbox, type MailStatus } from "@spe/core"
import { Effect } from "effect"
import type { PortalState } from "../PortalContext.js"
import type { PortalKit } from "../PortalKit.js"
import { portalPaths } from "../PortalPaths.js"

const urlPattern = /https?:\/\/[^\s<>"]+/g

/** How many mails of the outbox the page shows, newest first. */
const DEV_MAIL_LIMIT = 100

const statusLabels: Record<MailStatus, string> = {
  pending: "en attente d’envoi",
  sent: "envoyé",
  failed: "échec de l’envoi"
}

/** `/dev/mail` (only when the settings enable `devMail`): the mails of the outbox, newest first, with their links. */
export function devMailRoutes(router: Router<PortalState>, kit: PortalKit): void {
  router.get(portalPaths.devMail, async (ctx) => {
    ctx.set("Cache-Control", "no-store")
    const outbox = await kit.run(Effect.flatMap(MailOutbox, (mails) => mails.list({ limit: DEV_MAIL_LIMIT })))
    const mails = outbox.map((mail) => ({
      id: mail.id,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      createdAt: mail.createdAt,
      status: mail.status,
      statusLabel: statusLabels[mail.status],
      links: [...new Set(mail.text.match(urlPattern) ?? [])]
    }))
    kit.render(ctx, "dev-mail", { title: "Courriels envoyés (démonstration)", mails })
  })
}
