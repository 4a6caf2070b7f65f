import type { LoaderFunctionArgs } from "@remix-run/node";
import { getUser } from "~/accounts/session.server.ts";
import { photoOpensWithLink } from "~/stories/decision.server.ts";
import { parsePhotoAddress, readPhoto } from "~/stories/photos.server.ts";
import { photoVisibleTo } from "~/stories/stories.server.ts";

/**
 * A story's photo (or a smaller copy of it): to everyone while it belongs to a published story,
 * else only to those who may see the story's preview (her one-time link included).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const address = parsePhotoAddress(params.file ?? "");
  if (!address) throw new Response("Not found", { status: 404 });
  const { file, width } = address;
  const user = await getUser(request);
  const link = new URL(request.url).searchParams.get("link");
  if (!(await photoVisibleTo(user, file)) && !(link && (await photoOpensWithLink(link, file)))) throw new Response("Not found", { status: 404 });
  const bytes = await readPhoto(file, width);
  if (!bytes) throw new Response("Not found", { status: 404 });
  const isPublic = await photoVisibleTo(null, file);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "image/jpeg",
      "Content-Length": String(bytes.length),
      "Cache-Control": isPublic ? "public, no-cache" : "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
