import { startPayfipSimulator, type SimulatorNotifyMode } from "./PayfipSimulator.js"

const port = Number(process.env["PAYFIP_SIMULATOR_PORT"] ?? "8089")
const notify = (process.env["PAYFIP_SIMULATOR_NOTIFY"] ?? "normal") as SimulatorNotifyMode
const simulator = await startPayfipSimulator({ port, notify })
console.log(`Simulateur PayFiP sur ${simulator.url}`)
console.log(`  soapUrl    : ${simulator.soapUrl}`)
console.log(`  serviceUrl : ${simulator.serviceUrl}`)
const stop = () => void simulator.close().then(() => process.exit(0))
process.on("SIGINT", stop)
process.on("SIGTERM", stop)
