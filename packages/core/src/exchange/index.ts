/** Exports of the town's data (CSV and JSON, one writer, definitions as data) and imports of households and Treasury payments, checked row by row and applied all or nothing. */
export * from "./Csv.js"
export * from "./ExportFormat.js"
export * from "./ExportDatasets.js"
export * from "./ImportTable.js"
export * from "./HouseholdImport.js"
export * from "./TreasuryPaymentImport.js"
