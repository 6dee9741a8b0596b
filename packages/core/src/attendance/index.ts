export * from "./Agenda.js"
export * from "./AttendanceRecord.js"
export * from "./AttendanceRegister.js"
export * from "./AttendanceUseCases.js"
