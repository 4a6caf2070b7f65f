import type { LoaderFunctionArgs } from "@remix-run/node";
import { getUser } from "~/accounts/session.server.ts";
import { photoFilePattern, readPhoto } from "~/stories/photos.server.ts";
import { photoOpensWithLink } from "~/stories/decision.server.ts";
import { photoVisibleTo } from "~/stories/stories.server.ts";

/** A story's photo: to everyone while it belongs to a published story, else only to those who may see the story's preview (her one-time link included). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const file = params.file ?? "";
  if (!photoFilePattern.test(file)) throw new Response("Not found", { status: 404 });
  const user = await getUser(request);
  const link = new URL(request.url).searchParams.get("link");
  if (!(await photoVisibleTo(user, file)) && !(link && (await photoOpensWithLink(link, file)))) throw new Response("Not found", { status: 404 });
  const bytes = await readPhoto(file);
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
