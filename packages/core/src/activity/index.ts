export * from "./Activity.js"
export * from "./BookingPolicy.js"
export * from "./Session.js"
