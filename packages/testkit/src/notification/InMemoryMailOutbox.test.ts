import { inMemoryMailOutbox } from "./InMemoryMailOutbox.js"
import { mailOutboxContract } from "./MailOutboxContract.js"

mailOutboxContract("in memory", () => inMemoryMailOutbox())
