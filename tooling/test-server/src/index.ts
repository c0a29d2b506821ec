export { closedPortUrl, startRawServer, startTestServer, writeAnswer, type RawServer, type RecordedRequest, type ScriptedAnswer, type TestHandler, type TestServer } from './test-server.js';
export { FAILURE_MODES, MALFORMED_INPUT_MODES, type FailureMode, type FailurePath, type StartedFailure } from './failure-modes.js';
export { ECHO_SECRET, SECRET_ECHO_MODES } from './secret-echo-modes.js';
export { STREAM_FAILURE_MODES, type StreamStep } from './stream-failure-modes.js';
export { collect, collectText, failure } from './assertions.js';
export { expectationOf, loadFixtures, seededRandom, summarise, transportVariants, type Fixture, type FixtureDescription, type FixtureExpectation, type TransportVariant } from './fixture-replay.js';
