export {
  BillingCircumstance,
  formatRate,
  PriceBase,
  PriceCap,
  PricedQuotientSource,
  PriceExplanation,
  PriceModifierApplied,
  priceSession,
  PricingSituation,
  quotientForPricing,
  QuotientUsed,
  quotientMissing,
  type SessionPrice
} from "./Pricing.js"
export {
  HypotheticalSituation,
  type SimulatedActivity,
  type SimulatedChild,
  simulateTariff,
  simulateTariffForHousehold,
  simulateTariffForSituation,
  type SimulationRequest,
  simulationRequestForHousehold,
  simulationRequestForSituation,
  type SimulationResult,
  UsagePattern
} from "./Simulation.js"
export { NoTariffGridForActivity, TariffCatalogue, TariffGridNotFound, TariffGridOverlap } from "./TariffCatalogue.js"
export {
  type CantineAUnEuroCheck,
  checkCantineAUnEuro,
  CircumstancePrice,
  SiblingReduction,
  Surcharge,
  TariffBand,
  TariffGrid,
  tariffGridProblems,
  TariffMode,
  TariffModifiers,
  topPriceOf,
  validateTariffGrid
} from "./TariffGrid.js"
export { newTariffGridId, saveTariffGrid, type TariffGridInput } from "./TariffAgentCommands.js"
export {
  previewTariffGrid,
  type TariffPreviewCell,
  type TariffPreviewColumn,
  tariffPreviewColumns,
  tariffPreviewQfs,
  type TariffPreviewRow
} from "./TariffPreview.js"
