// `npm run seed`: adds the demo data to the database at MONGODB_URI (idempotent).
import { connectDatabase, disconnectDatabase } from "~/db/connection.server.ts";
import { ensureIndexes } from "~/models.server.ts";
import { seedDemoData } from "./demo.ts";

await connectDatabase();
await ensureIndexes();
const result = await seedDemoData();
console.log(`Seeded ${result.organisations} organisations and ${result.users} people.`);
await disconnectDatabase();
