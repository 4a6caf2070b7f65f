import mongoose, { type InferSchemaType, type Model, type Schema } from "mongoose";
import { getEnv } from "~/env.server.ts";

mongoose.set("strictQuery", true);
// Mongoose otherwise takes a stack trace at every query (only to show where a query run twice
// was first run): with source maps on, about 2 % of the CPU of a page that reads a few times.
mongoose.set("skipOriginalStackTraces", true);

let connecting: Promise<typeof mongoose> | undefined;

/** One connection per process; commands fail fast instead of queueing while the database is away. */
export function connectDatabase(uri = getEnv().MONGODB_URI): Promise<typeof mongoose> {
  connecting ??= mongoose.connect(uri, {
    serverSelectionTimeoutMS: 5000,
    bufferCommands: false,
    autoIndex: true,
  });
  return connecting;
}

export async function disconnectDatabase() {
  connecting = undefined;
  await mongoose.disconnect();
}

/**
 * Registers a model once per process. The Remix server bundle and the server's own modules
 * both load the capability folders, so a plain mongoose.model() call would run twice.
 */
export function defineModel<TSchema extends Schema>(name: string, schema: TSchema) {
  type Doc = InferSchemaType<TSchema>;
  return (mongoose.models[name] as Model<Doc> | undefined) ?? mongoose.model<Doc>(name, schema as unknown as Schema<Doc>);
}

export async function pingDatabase(timeoutMs = 2000): Promise<void> {
  if (mongoose.connection.readyState !== 1 || !mongoose.connection.db) throw new Error("not connected");
  await Promise.race([
    mongoose.connection.db.admin().ping(),
    new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), timeoutMs)),
  ]);
}

export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: number }).code === 11000;
}
