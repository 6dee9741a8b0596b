export * from "./TownCalendar.js"
