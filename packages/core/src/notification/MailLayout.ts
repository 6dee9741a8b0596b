import { MailContent } from "./OutgoingMail.js"
import type { SenderIdentity } from "./SenderIdentity.js"

/** A piece of a mail's body, rendered both as HTML and as plain text. */
export type MailBlock =
  | { readonly _tag: "Paragraph"; readonly text: string }
  | { readonly _tag: "Facts"; readonly rows: ReadonlyArray<readonly [label: string, value: string]> }
  | { readonly _tag: "Action"; readonly label: string; readonly url: string }
  | { readonly _tag: "Quote"; readonly author: string; readonly text: string }

export const paragraph = (text: string): MailBlock => ({ _tag: "Paragraph", text })
export const facts = (rows: ReadonlyArray<readonly [string, string]>): MailBlock => ({ _tag: "Facts", rows })
export const action = (label: string, url: string): MailBlock => ({ _tag: "Action", label, url })
export const quote = (author: string, text: string): MailBlock => ({ _tag: "Quote", author, text })

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }

/** Text made safe for HTML content and attribute values: `& < > " '` become entities. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c)

/** A subject on one line: line breaks and tabs become spaces. */
export const oneLine = (text: string): string => text.replace(/[\r\n\t\u2028\u2029]+/g, " ").trim()

const multiline = (text: string): string => escapeHtml(text).replace(/\r?\n/g, "<br>")

const safeUrl = (url: string): string => (/^(https?:\/\/|mailto:)/i.test(url) ? url : "#")

const MUTED = "color:#5c5c5c;font-size:13px"

function blockHtml(block: MailBlock): string {
  switch (block._tag) {
    case "Paragraph":
      return `<p style="margin:0 0 16px">${multiline(block.text)}</p>`
    case "Facts":
      return (
        `<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">` +
        block.rows
          .map(([label, value]) =>
            `<tr><th scope="row" style="text-align:left;padding:4px 16px 4px 0;font-weight:normal;color:#5c5c5c">${escapeHtml(label)}</th>` +
            `<td style="padding:4px 0;font-weight:bold">${multiline(value)}</td></tr>`
          )
          .join("") +
        `</table>`
      )
    case "Action":
      return (
        `<p style="margin:0 0 16px"><a href="${escapeHtml(safeUrl(block.url))}" style="display:inline-block;padding:10px 18px;` +
        `background:#000091;color:#ffffff;text-decoration:none;border-radius:4px">${escapeHtml(block.label)}</a></p>` +
        `<p style="margin:0 0 16px;${MUTED}">Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :<br>` +
        `${escapeHtml(block.url)}</p>`
      )
    case "Quote":
      return (
        `<p style="margin:0 0 4px;${MUTED}">${escapeHtml(block.author)} :</p>` +
        `<blockquote style="margin:0 0 16px;padding:8px 16px;border-left:4px solid #000091;background:#f5f5fe">${multiline(block.text)}</blockquote>`
      )
  }
}

function blockText(block: MailBlock): string {
  switch (block._tag) {
    case "Paragraph":
      return block.text
    case "Facts":
      return block.rows.map(([label, value]) => `  ${label} : ${value}`).join("\n")
    case "Action":
      return `${block.label} :\n${block.url}`
    case "Quote":
      return `${block.author} :\n${block.text.split(/\r?\n/).map((line) => `> ${line}`).join("\n")}`
  }
}

/**
 * A mail in the town's layout: greeting, body, signature, and a footer with how to reach the
 * service. Every piece of data is escaped in the HTML; the text version says the same.
 */
export function composeMail(
  sender: SenderIdentity,
  input: { readonly subject: string; readonly recipientName: string | undefined; readonly body: ReadonlyArray<MailBlock> }
): MailContent {
  const subject = oneLine(input.subject)
  const greeting = input.recipientName === undefined || input.recipientName.trim() === "" ? "Bonjour," : `Bonjour ${oneLine(input.recipientName)},`
  const contact = [
    ...(sender.phone.trim() === "" ? [] : [`Tél. ${sender.phone}`]),
    ...(sender.email.trim() === "" ? [] : [sender.email])
  ].join(" · ")
  const html =
    `<!DOCTYPE html>\n<html lang="fr">\n<head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
    `<title>${escapeHtml(subject)}</title></head>\n` +
    `<body style="margin:0;padding:24px 16px;background:#ffffff;color:#1e1e1e;font-family:Marianne,Arial,sans-serif;font-size:16px;line-height:1.5">\n` +
    `<div style="max-width:640px;margin:0 auto">\n` +
    `<p style="margin:0 0 24px;${MUTED}">${escapeHtml(sender.townName)} · ${escapeHtml(sender.serviceName)}</p>\n` +
    `<p style="margin:0 0 16px">${escapeHtml(greeting)}</p>\n` +
    input.body.map(blockHtml).join("\n") +
    `\n<p style="margin:24px 0 16px">Cordialement,<br>${escapeHtml(sender.serviceName)}<br>${escapeHtml(sender.townName)}</p>\n` +
    `<hr style="border:none;border-top:1px solid #dddddd;margin:24px 0 16px">\n` +
    `<p style="margin:0 0 8px;${MUTED}">${escapeHtml(sender.serviceName)} · ${escapeHtml(sender.townName)}<br>${multiline(sender.address)}` +
    (contact === "" ? "" : `<br>${escapeHtml(contact)}`) +
    `<br>Votre espace citoyen : <a href="${escapeHtml(safeUrl(sender.portalUrl))}">${escapeHtml(sender.portalUrl)}</a></p>\n` +
    `<p style="margin:0;${MUTED}">Ce courriel vous est envoyé automatiquement ; pour nous écrire, utilisez l'adresse ci-dessus ou votre espace citoyen.</p>\n` +
    `</div>\n</body>\n</html>\n`
  const text =
    [
      greeting,
      ...input.body.map(blockText),
      `Cordialement,\n${sender.serviceName}\n${sender.townName}`,
      [
        "-- ",
        `${sender.serviceName} · ${sender.townName}`,
        sender.address,
        ...(contact === "" ? [] : [contact]),
        `Votre espace citoyen : ${sender.portalUrl}`,
        "Ce courriel vous est envoyé automatiquement ; pour nous écrire, utilisez l'adresse ci-dessus ou votre espace citoyen."
      ].join("\n")
    ].join("\n\n") + "\n"
  return new MailContent({ subject, text, html })
}
