// Each test file gets the shared services and a database of its own, so files can run in parallel.
import { afterAll, beforeAll, inject } from "vitest";
import { randomBytes } from "node:crypto";

const services = inject("services");
const databaseName = `test_${randomBytes(5).toString("hex")}`;
const uri = new URL(services.MONGODB_URI);
uri.pathname = `/${databaseName}`;

Object.assign(process.env, {
  NODE_ENV: "test",
  MONGODB_URI: uri.toString(),
  MEILI_HOST: services.MEILI_HOST,
  MEILI_MASTER_KEY: services.MEILI_MASTER_KEY ?? "",
  SMTP_URL: services.SMTP_URL,
  MAILBOX_DIR: services.MAILBOX_DIR ?? "",
  SERVICES_DATA_DIR: services.dataDir,
  PASSWORD_HASH_COST: "4",
  DATA_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  MEILI_INDEX_PREFIX: `${databaseName}_`,
  LOG_REQUESTS: "false",
});

beforeAll(async () => {
  const { connectDatabase } = await import("~/db/connection.server.ts");
  const { ensureIndexes } = await import("~/models.server.ts");
  // Every outbox handler, as in the portal's process, for tests that run the worker themselves.
  await import("../../server/outbox-handlers.ts");
  await connectDatabase();
  await ensureIndexes();
});

afterAll(async () => {
  const { getSearchClient } = await import("~/search/client.server.ts");
  const indexes = await getSearchClient().getIndexes({ limit: 1000 }).catch(() => ({ results: [] as { uid: string }[] }));
  for (const index of indexes.results) if (index.uid.startsWith(`${databaseName}_`)) await getSearchClient().deleteIndex(index.uid).catch(() => {});
  const mongoose = (await import("mongoose")).default;
  await mongoose.connection.db?.dropDatabase().catch(() => {});
  const { disconnectDatabase } = await import("~/db/connection.server.ts");
  await disconnectDatabase();
});
