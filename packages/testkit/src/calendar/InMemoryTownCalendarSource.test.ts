import { inMemoryTownCalendarSource } from "./InMemoryTownCalendarSource.js"
import { townCalendarSourceContract } from "./TownCalendarSourceContract.js"

townCalendarSourceContract("in memory", () => inMemoryTownCalendarSource())
