export * as SchoolLevel from "./SchoolLevel.js"
export {
  Adult,
  Child,
  ContactChange,
  ContactDetails,
  EmailAddress,
  Household,
  HouseholdNotFound,
  HouseholdReferenceTaken,
  HouseholdRegistration,
  PhoneNumber,
  PhoneNumberText,
  PostalAddress,
  Residency,
  siblingRank,
  validateContactChange,
  validateHouseholdRegistration
} from "./Household.js"
export { foldForSearch, HouseholdRepository, householdMatches } from "./HouseholdRepository.js"
export { changeHouseholdContact, registerHousehold } from "./HouseholdUseCases.js"
export { compositionOf, countParts, defaultPartTable, type FamilyComposition, PartTable, Parts } from "./PartTable.js"
export {
  applicableQuotient,
  approveQuotient,
  computeQuotient,
  describeQuotientSource,
  formatParts,
  type IncomeDeclaration,
  QuotientAlreadyReviewed,
  QuotientAmount,
  QuotientRecord,
  QuotientRecordNotFound,
  QuotientReview,
  QuotientSource,
  type QuotientSourceKind,
  quotientSourceKind,
  rejectQuotient
} from "./QuotientFamilial.js"
export { QuotientRepository } from "./QuotientRepository.js"
export {
  AgentQuotient,
  CafQuotient,
  declareQuotient,
  QuotientDecision,
  QuotientDeclaration,
  quotientHistory,
  quotientOnDate,
  recordCafQuotient,
  reviewQuotient,
  setQuotientByAgent
} from "./QuotientUseCases.js"
