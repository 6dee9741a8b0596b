export { migrate, openDatabase, type Database, type DatabaseTarget } from "./Database.js"
export { startEmbeddedPostgres, type EmbeddedPostgres } from "./EmbeddedPostgres.js"
