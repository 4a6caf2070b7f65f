import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { getEnv } from "~/env.server.ts";

// AES-256-GCM: confidentiality and integrity in one; a tampered value fails to decrypt.
const ALGORITHM = "aes-256-gcm";
const VERSION = "v1";

function key(): Buffer {
  const configured = getEnv().DATA_ENCRYPTION_KEY;
  if (!configured) throw new Error("DATA_ENCRYPTION_KEY is not set");
  return Buffer.from(configured, "base64");
}

/** "v1.<iv>.<tag>.<ciphertext>", all base64url; an empty value stays empty. */
export function encryptText(plain: string): string {
  if (!plain) return "";
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, key(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

export function decryptText(sealed: string | null | undefined): string {
  if (!sealed) return "";
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined) throw new Error("not an encrypted value");
  const decipher = createDecipheriv(ALGORITHM, key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

export function encryptList(values: string[]): string {
  return encryptText(values.length ? JSON.stringify(values) : "");
}

export function decryptList(sealed: string | null | undefined): string[] {
  const text = decryptText(sealed);
  return text ? (JSON.parse(text) as string[]) : [];
}
