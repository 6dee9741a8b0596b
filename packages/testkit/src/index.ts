/**
 * @spe/testkit: in-memory implementations of the core's ports, fast-check arbitraries, and the
 * contract suites that every adapter of a port must pass.
 */
export { makeTestClock, type TestClock } from "./TestClock.js"
export { sequentialIds } from "./SequentialIds.js"
export { inMemoryTownCalendarSource } from "./calendar/InMemoryTownCalendarSource.js"
export { townCalendarSourceContract } from "./calendar/TownCalendarSourceContract.js"
export { calendarDayArbitrary, closureArbitrary, townCalendarArbitrary } from "./calendar/CalendarArbitraries.js"
export { inMemoryActivityCatalogue } from "./activity/InMemoryActivityCatalogue.js"
export { activityCatalogueContract } from "./activity/ActivityCatalogueContract.js"
export { activityArbitrary, anActivity, twoDaysBeforePolicy } from "./activity/ActivityFixtures.js"
export { inMemoryHouseholdRepository } from "./household/InMemoryHouseholdRepository.js"
export { inMemoryQuotientRepository } from "./household/InMemoryQuotientRepository.js"
export { householdRepositoryContract } from "./household/HouseholdRepositoryContract.js"
export { quotientRepositoryContract } from "./household/QuotientRepositoryContract.js"
export { aHousehold, aQuotientRecord, householdArbitrary, quotientReviewArbitrary } from "./household/HouseholdFixtures.js"
export { inMemoryTariffCatalogue } from "./tariff/InMemoryTariffCatalogue.js"
export { tariffCatalogueContract } from "./tariff/TariffCatalogueContract.js"
export {
  aTariffGrid,
  bandModeArbitrary,
  effortRateModeArbitrary,
  tariffGridArbitrary,
  tariffModifiersArbitrary
} from "./tariff/TariffFixtures.js"
