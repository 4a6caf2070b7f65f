// A story's optional photo: re-encoded by sharp (libvips) to a JPEG at most 1200 px wide, which
// drops every piece of metadata the upload carried (GPS position, camera, owner), and kept in the
// data folder with its size, so that pages give it explicit dimensions. Smaller copies (480 and
// 800 px wide) are made from it for phones (the story page's srcset): a phone on a slow
// connection loads a third of the bytes.
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { MaxPartSizeExceededError, unstable_composeUploadHandlers, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, type UploadHandlerPart } from "@remix-run/node";
import sharp, { type OutputInfo } from "sharp";
import { STORY_PHOTO_MAX_BYTES } from "./vocabulary.ts";

const MAX_WIDTH = 1200;
/** A photo file's name as the portal gives it: nothing else is ever served or read. */
export const photoFilePattern = /^[a-f0-9]{32}\.jpg$/;
/** The widths of the smaller copies, made when the photo is wider. */
export const smallPhotoWidths = [480, 800] as const;
export type SmallPhotoWidth = (typeof smallPhotoWidths)[number];
/** The address of a photo or of one of its smaller copies: `<name>.jpg`, `<name>-480.jpg`, `<name>-800.jpg`. */
const photoAddressPattern = /^([a-f0-9]{32})(?:-(480|800))?\.jpg$/;

export interface StoredPhoto {
  file: string;
  width: number;
  height: number;
}

/** The data folder the embedded services use (SERVICES_DATA_DIR, else .data), its stories-photos folder. */
export function storyPhotosDir(): string {
  return join(resolve(process.env.SERVICES_DATA_DIR || ".data"), "stories-photos");
}

/** What the form holds in place of a photo larger than the limit: the upload is read to its end and dropped. */
const PHOTO_TOO_LARGE = "\u0000photo-too-large";

/** The chosen photo, kept only up to the limit, so a too large one leaves the form's texts readable and gets its own message. */
async function photoUpload({ name, filename, contentType, data }: UploadHandlerPart): Promise<File | string | undefined> {
  if (name !== "photo" || !filename) return undefined;
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  for await (const chunk of data) {
    size += chunk.byteLength;
    if (size <= STORY_PHOTO_MAX_BYTES) chunks.push(new Uint8Array(chunk));
  }
  return size > STORY_PHOTO_MAX_BYTES ? PHOTO_TOO_LARGE : new File(chunks, filename, { type: contentType });
}

/**
 * The editor's form with its photo taken out: the texts for the schema, the photo's bytes (null
 * when none was chosen), or the error a too large or unreadable upload gets.
 */
export async function readStoryForm(request: Request): Promise<{ formData: FormData; photo: Uint8Array | null; photoError?: string }> {
  const contentType = request.headers.get("content-type") ?? "";
  let formData: FormData;
  try {
    formData = contentType.startsWith("multipart/form-data") ? await unstable_parseMultipartFormData(request, unstable_composeUploadHandlers(photoUpload, unstable_createMemoryUploadHandler({ maxPartSize: STORY_PHOTO_MAX_BYTES }))) : await request.formData();
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { formData: new FormData(), photo: null, photoError: "stories.photoTooLarge" };
    throw new Response("The request body is not a form.", { status: 400 });
  }
  const part = formData.get("photo");
  formData.delete("photo");
  if (part === PHOTO_TOO_LARGE) return { formData, photo: null, photoError: "stories.photoTooLarge" };
  if (part === null || typeof part === "string") return { formData, photo: null, ...(part ? { photoError: "stories.photoNotImage" } : {}) };
  if (part.size === 0) return { formData, photo: null };
  return { formData, photo: new Uint8Array(await part.arrayBuffer()) };
}

/** Re-encodes and stores an uploaded image; anything sharp cannot read as a still image is refused. */
export async function storePhoto(bytes: Uint8Array): Promise<{ ok: true; photo: StoredPhoto } | { ok: false; error: string }> {
  let output: { data: Buffer; info: OutputInfo };
  try {
    const image = sharp(bytes, { failOn: "error", limitInputPixels: 50_000_000 });
    const metadata = await image.metadata();
    if (!metadata.format || !["jpeg", "png", "webp", "heif", "gif", "tiff"].includes(metadata.format)) return { ok: false, error: "stories.photoNotImage" };
    output = await image
      .rotate()
      .resize({ width: MAX_WIDTH, withoutEnlargement: true })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
  } catch {
    return { ok: false, error: "stories.photoNotImage" };
  }
  const file = `${randomBytes(16).toString("hex")}.jpg`;
  await mkdir(storyPhotosDir(), { recursive: true });
  await writeAtomically(file, output.data);
  for (const width of smallPhotoWidths) if (width < output.info.width) await writeAtomically(smallPhotoName(file, width), await shrink(output.data, width));
  return { ok: true, photo: { file, width: output.info.width, height: output.info.height } };
}

async function writeAtomically(file: string, data: Buffer) {
  const partial = join(storyPhotosDir(), `${file}.${randomBytes(4).toString("hex")}.part`);
  await writeFile(partial, data);
  await rename(partial, join(storyPhotosDir(), file));
}

function shrink(photo: Buffer, width: number): Promise<Buffer> {
  return sharp(photo).resize({ width, withoutEnlargement: true }).jpeg({ quality: 78, mozjpeg: true }).toBuffer();
}

export function smallPhotoName(file: string, width: SmallPhotoWidth): string {
  return file.replace(/\.jpg$/, `-${width}.jpg`);
}

/** A photo's address split into the photo it belongs to and the width asked for (null: not an address the portal gives). */
export function parsePhotoAddress(address: string): { file: string; width: SmallPhotoWidth | null } | null {
  const match = photoAddressPattern.exec(address);
  if (!match) return null;
  return { file: `${match[1]}.jpg`, width: match[2] ? (Number(match[2]) as SmallPhotoWidth) : null };
}

/** The smaller copies a page may offer for a photo of this width, as a srcset (with the photo itself last). */
export function photoSrcSet(src: string, width: number): string | null {
  const smaller = smallPhotoWidths.filter((w) => w < width);
  if (smaller.length === 0) return null;
  return [...smaller.map((w) => `${src.replace(/\.jpg$/, `-${w}.jpg`)} ${w}w`), `${src} ${width}w`].join(", ");
}

/**
 * A stored photo's bytes, or one of its smaller copies (made now, and kept, for a photo stored
 * before copies were made); null for a name the portal never gave or a file that is gone.
 */
export async function readPhoto(file: string, width: SmallPhotoWidth | null = null): Promise<Buffer | null> {
  if (!photoFilePattern.test(file)) return null;
  const original = () => readFile(join(storyPhotosDir(), file)).catch(() => null);
  if (width === null) return original();
  const copy = await readFile(join(storyPhotosDir(), smallPhotoName(file, width))).catch(() => null);
  if (copy) return copy;
  const photo = await original();
  if (!photo) return null;
  const made = await shrink(photo, width);
  await writeAtomically(smallPhotoName(file, width), made).catch(() => {});
  return made;
}

/** Deletes a stored photo and its smaller copies (a name the portal never gave is ignored). */
export async function deletePhoto(file: string): Promise<void> {
  if (!photoFilePattern.test(file)) return;
  for (const name of [file, ...smallPhotoWidths.map((width) => smallPhotoName(file, width))]) await rm(join(storyPhotosDir(), name), { force: true });
}
