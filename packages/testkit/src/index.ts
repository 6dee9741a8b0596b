/**
 * @spe/testkit: in-memory implementations of the core's ports, fast-check arbitraries, and the
 * contract suites that every adapter of a port must pass.
 */
export { makeTestClock, type TestClock } from "./TestClock.js"
export { sequentialIds } from "./SequentialIds.js"
