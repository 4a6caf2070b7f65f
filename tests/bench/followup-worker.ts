// One outbox worker process for `npm run simulate:followup`: the portal's worker, with every
// handler the portal registers, on the simulation's database and clock file (NODE_ENV=test).
import { followClockFile } from "~/clock/test-clock.server.ts";

followClockFile(process.env.TEST_CLOCK_FILE);
const { connectDatabase } = await import("~/db/connection.server.ts");
await import("../../server/outbox-handlers.ts");
await connectDatabase();
const { startOutboxWorker } = await import("~/outbox/outbox.server.ts");
const worker = startOutboxWorker({ pollMs: 100, log: (line) => console.error(`worker ${process.pid}: ${line}`) });
const stop = () => {
  // A worker waiting on a database that is gone may never finish its round: leave regardless.
  setTimeout(() => process.exit(0), 5000).unref();
  void worker.stop().finally(() => process.exit(0));
};
process.on("SIGTERM", stop);
// Started with an IPC channel: when the simulation ends in any way, the channel closes.
process.on("disconnect", stop);
