// `npm run services`: starts the embedded services and prints their environment, for running
// the portal or tests against them by hand. Ctrl-C stops exactly what it started.
import { startServices } from "./manager.ts";

const services = await startServices({ log: (line) => console.log(line) });
for (const [key, value] of Object.entries(services.env)) if (value) console.log(`export ${key}=${value}`);
console.log("Services are running; press Ctrl-C to stop them.");
const stop = async () => {
  await services.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
