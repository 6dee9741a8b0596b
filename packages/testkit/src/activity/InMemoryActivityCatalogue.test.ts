import { activityCatalogueContract } from "./ActivityCatalogueContract.js"
import { inMemoryActivityCatalogue } from "./InMemoryActivityCatalogue.js"

activityCatalogueContract("in memory", () => inMemoryActivityCatalogue())
