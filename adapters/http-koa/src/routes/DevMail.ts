import type Router from "@koa/router"
import type { PortalState } from "../PortalContext.js"
import type { PortalKit } from "../PortalKit.js"
import { portalPaths } from "../PortalPaths.js"
import type { DevMailboxView } from "../PortalSettings.js"

const urlPattern = /https?:\/\/[^\s<>"]+/g

/** `/dev/mail` (only when the settings give a dev mailbox): the mails "sent", newest first, with their links. */
export function devMailRoutes(router: Router<PortalState>, kit: PortalKit, mailbox: DevMailboxView): void {
  router.get(portalPaths.devMail, (ctx) => {
    ctx.set("Cache-Control", "no-store")
    const mails = mailbox.list().map((mail) => ({
      id: mail.id,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      createdAt: mail.createdAt,
      links: [...new Set(mail.text.match(urlPattern) ?? [])]
    }))
    kit.render(ctx, "dev-mail", { title: "Courriels envoyés (démonstration)", mails })
  })
}
