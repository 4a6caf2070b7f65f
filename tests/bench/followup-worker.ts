// One outbox worker process for `npm run simulate:followup`: the portal's worker, with every
// handler the portal registers, on the simulation's database and clock file (NODE_ENV=test).
import { followClockFile } from "~/clock/test-clock.server.ts";

followClockFile(process.env.TEST_CLOCK_FILE);
const { connectDatabase } = await import("~/db/connection.server.ts");
await import("../../server/outbox-handlers.ts");
await connectDatabase();
const { startOutboxWorker } = await import("~/outbox/outbox.server.ts");
const worker = startOutboxWorker({ pollMs: 100 });
process.on("SIGTERM", () => {
  void worker.stop().finally(() => process.exit(0));
});
