import { householdRepositoryContract } from "./HouseholdRepositoryContract.js"
import { inMemoryHouseholdRepository } from "./InMemoryHouseholdRepository.js"
import { inMemoryQuotientRepository } from "./InMemoryQuotientRepository.js"
import { quotientRepositoryContract } from "./QuotientRepositoryContract.js"

householdRepositoryContract("in memory", () => inMemoryHouseholdRepository())
quotientRepositoryContract("in memory", () => inMemoryQuotientRepository())
