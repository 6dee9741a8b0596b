/**
 * @spe/payment: the core's `PaymentGateway` on PayFiP (SOAP 1.1 client, notification and return
 * handlers), a local PayFiP simulator, and an in-process sandbox gateway for demos.
 */
export * from "./PayfipErrors.js"
export * from "./PayfipFields.js"
export * from "./PayfipSoap.js"
export * from "./PayfipSettings.js"
export * from "./PayfipClient.js"
export * from "./PayfipGateway.js"
export * from "./PayfipNotification.js"
export * from "./PayfipSimulator.js"
export * from "./SandboxGateway.js"
