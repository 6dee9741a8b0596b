/**
 * @spe/example-saint-pierre-les-elbeuf: the town of the seed guide, ready to run. Its settings
 * (identity, help block, régie, billing, payment, absences, mails), its calendar (zone B, the
 * 2026-2027 holidays as placeholders), its four services, its tariff grids (demonstration
 * figures), its demo households, and `seedDemoTown`, which writes all of it through the core.
 */
export * from "./TownSettings.js"
export * from "./Calendar.js"
export * from "./Activities.js"
export * from "./Tariffs.js"
export * from "./Households.js"
export * from "./Seed.js"
