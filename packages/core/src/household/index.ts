export * as SchoolLevel from "./SchoolLevel.js"
export {
  Adult,
  AdultDetails,
  Child,
  ChildDetails,
  ContactChange,
  ContactDetails,
  EmailAddress,
  Household,
  HouseholdDetails,
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
export {
  ActivationRefused,
  type ActivationSent,
  addHouseholdMember,
  createHousehold,
  type HouseholdCreated,
  HouseholdMemberNotFound,
  type MemberAdded,
  type MemberKind,
  resendHouseholdActivation,
  updateHousehold,
  updateHouseholdMember
} from "./HouseholdAgentCommands.js"
export {
  type HouseholdAgentQuotient,
  type HouseholdCafQuotient,
  type HouseholdQuotientDecision,
  recordHouseholdCafQuotient,
  reviewHouseholdQuotient,
  setHouseholdQuotient
} from "./QuotientAgentCommands.js"
export {
  changeContactDetails,
  confirmEmailChange,
  type ContactChangeOptions,
  type ContactChangeOutcome,
  EmailConfirmationExpired,
  type EmailConfirmationLinkData,
  emailConfirmationHours,
  pendingAddressRequest
} from "./ContactChangeUseCases.js"
export { parseEurosText, type QuotientUpdateForm, type QuotientUpdateFormInput, validateQuotientUpdateForm } from "./QuotientUpdateForm.js"
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
