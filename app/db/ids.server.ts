/** A database id as it appears in addresses and forms: 24 lower-case hexadecimal digits. */
export const objectIdPattern = /^[a-f0-9]{24}$/;

/** Whether a value from a request can be a database id; anything else would make the database throw. */
export function isObjectId(value: unknown): value is string {
  return typeof value === "string" && objectIdPattern.test(value);
}

/** The id, or a 404 for anything that cannot be one. */
export function requireObjectId(value: unknown): string {
  if (!isObjectId(value)) throw new Response("Not found", { status: 404 });
  return value;
}
