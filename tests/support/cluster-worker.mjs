// A stand-in portal worker for tests/unit/cluster.test.ts: answers its pid on the port it is given,
// or exits at once when told to fail.
import { createServer } from "node:http";
import process from "node:process";

if (process.env.CLUSTER_TEST_FAIL === "1") process.exit(3);
createServer((_request, response) => response.end(String(process.pid))).listen(Number(process.env.CLUSTER_TEST_PORT));
process.on("SIGTERM", () => process.exit(0));
