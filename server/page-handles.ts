// Which routes render a requested page, read from the Remix build, so that the root loader can
// send the messages those routes declare (handle.i18n, see app/i18n/sections.ts), on a document
// request and on a client-side navigation's data request alike.
import type { ServerBuild } from "@remix-run/node";
import type { routeMatcher, RouteNode } from "./route-methods.ts";

export function pageHandles(build: ServerBuild, matchesOf: ReturnType<typeof routeMatcher>) {
  return function handlesOf(pathname: string): unknown[] {
    const matches = matchesOf(pathname);
    return matches.map((match) => build.routes[(match.route as RouteNode).id]?.module.handle);
  };
}
