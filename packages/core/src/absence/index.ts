export * from "./Absence.js"
export * from "./AbsenceErrors.js"
export * from "./AbsenceRepository.js"
export * from "./AbsenceUseCases.js"
