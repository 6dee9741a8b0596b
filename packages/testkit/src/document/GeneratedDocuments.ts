export {
  aDocumentSettings,
  aRegie,
  aTownIdentity,
  type GeneratedDocumentSampleOptions,
  type GeneratedDocumentSamples,
  generatedDocumentSamples,
  sampleActivities
} from "./GeneratedDocumentFixtures.js"
export { type DocumentRendererContractOptions, documentRendererContract, expectedTexts, htmlText } from "./DocumentRendererContract.js"
export {
  plainDocumentHtml,
  plainDocumentLines,
  plainDocumentRenderer,
  plainDocumentRendererLayer,
  type PlainDocumentRendererOptions,
  plainPdf
} from "./PlainDocumentRenderer.js"
