import { makeFakePaymentGateway } from "./FakePaymentGateway.js"
import { inMemoryPaymentIntentRepository } from "./InMemoryPaymentIntentRepository.js"
import { inMemoryPaymentRepository } from "./InMemoryPaymentRepository.js"
import { paymentGatewayContract } from "./PaymentGatewayContract.js"
import { paymentIntentRepositoryContract } from "./PaymentIntentRepositoryContract.js"
import { paymentRepositoryContract } from "./PaymentRepositoryContract.js"

paymentRepositoryContract("in memory", inMemoryPaymentRepository)
paymentIntentRepositoryContract("in memory", inMemoryPaymentIntentRepository)

const gateway = makeFakePaymentGateway()
paymentGatewayContract("fake", () => gateway.layer, gateway.settle)
