import { inMemoryTariffCatalogue } from "./InMemoryTariffCatalogue.js"
import { tariffCatalogueContract } from "./TariffCatalogueContract.js"

tariffCatalogueContract("in memory", () => inMemoryTariffCatalogue())
