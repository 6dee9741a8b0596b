/**
 * @spe/core: the rules of a town's family services, pure and embeddable.
 * Each domain module is re-exported here; see docs/architecture.md for the map.
 */
export * from "./shared/index.js"
export * from "./household/index.js"
export * from "./tariff/index.js"
export * from "./calendar/index.js"
export * from "./activity/index.js"
export * from "./enrollment/index.js"
export * from "./reservation/index.js"
export * from "./absence/index.js"
export * from "./attendance/index.js"
export * from "./billing/index.js"
export * from "./payment/index.js"
export * from "./request/index.js"
export * from "./account/index.js"
export * from "./document/index.js"
export * from "./notification/index.js"
export * from "./exchange/index.js"
export * from "./integration/index.js"
export type { CorePorts } from "./Ports.js"
