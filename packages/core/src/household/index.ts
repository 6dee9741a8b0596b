export * as SchoolLevel from "./SchoolLevel.js"
