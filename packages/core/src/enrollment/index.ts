export * from "./Enrollment.js"
export * from "./EnrollmentErrors.js"
export * from "./EnrollmentRepository.js"
export * from "./EnrollmentUseCases.js"
