/**
 * @spe/documents-handlebars: the town's generated documents (invoices, credit notes, attendance
 * certificates, childcare-expense attestations, holiday booking calendars, household summaries)
 * from Handlebars templates to HTML, and to PDF through the system's headless Chromium.
 */
export { CHROMIUM_ARGS, ChromiumPdfEngine, type ChromiumPdfSettings, PdfEngineUnavailable } from "./ChromiumPdf.js"
export { date, eq, euros, instant, join, plural, registerDocumentHelpers } from "./DocumentHelpers.js"
export { HandlebarsDocumentRenderer, handlebarsDocumentRendererLayer } from "./HandlebarsDocumentRenderer.js"
export { DEFAULT_CHROMIUM_PATH, defaultTheme, type DocumentTheme, type HandlebarsRendererSettings } from "./HandlebarsRendererSettings.js"
export { packageTemplatesDir, TemplateProblem, TemplateSet, templateFileOf } from "./TemplateSet.js"
