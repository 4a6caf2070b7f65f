// Which routes render a requested page, read from the Remix build, so that the root loader can
// send the messages those routes declare (handle.i18n, see app/i18n/sections.ts), on a document
// request and on a client-side navigation's data request alike.
import type { ServerBuild } from "@remix-run/node";
import { matchRoutes } from "@remix-run/router";
import { documentPath, routeTree, type RouteNode } from "./route-methods.ts";

export function pageHandles(build: ServerBuild) {
  const tree = routeTree(build);
  return function handlesOf(pathname: string): unknown[] {
    const matches = matchRoutes(tree, documentPath(pathname)) ?? [];
    return matches.map((match) => build.routes[(match.route as RouteNode).id]?.module.handle);
  };
}
