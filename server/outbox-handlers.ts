// Every module that registers work with the outbox: a kind and its handler (registerOutboxHandler),
// or a step an e-mail takes when it is sent (completeWhenSent). The outbox itself knows no feature;
// a process that runs the worker (server/start.ts, server/import.ts, the integration tests' setup)
// loads this list first, so that no item waits for a handler the process lacks. A module that
// registers something belongs here.
import "~/email/queue.server.ts";
import "~/placements/search-index.server.ts";
import "~/stories/search-index.server.ts";
import "~/mentees/desk.server.ts";
import "~/introductions/introduction-email.server.ts";
import "~/introductions/placement-ended.server.ts";
import "~/checkins/reminder-handler.server.ts";
import "~/stories/decision.server.ts";
import "~/alerts/digest.server.ts";
