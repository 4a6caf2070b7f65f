// Which HTTP methods a URL of the portal serves, read from the Remix build: every page answers
// GET and HEAD; POST only where the route that would handle it has an action. Anything else is
// refused before any loader runs.
import type { ServerBuild } from "@remix-run/node";
import { matchRoutes, type AgnosticRouteObject } from "@remix-run/router";

export type RouteNode = AgnosticRouteObject & { id: string };

export function routeTree(build: ServerBuild): RouteNode[] {
  const routes = Object.values(build.routes);
  const childrenOf = (parentId: string | undefined): RouteNode[] =>
    routes
      .filter((route) => route.parentId === parentId)
      .map((route) =>
        route.index
          ? { id: route.id, index: true, path: route.path, caseSensitive: route.caseSensitive }
          : { id: route.id, path: route.path, caseSensitive: route.caseSensitive, children: childrenOf(route.id) },
      );
  return childrenOf(undefined);
}

/** The path a single-fetch data request (`/x.data`, `/_root.data`) stands for. */
export function documentPath(pathname: string) {
  if (pathname === "/_root.data") return "/";
  return pathname.endsWith(".data") ? pathname.slice(0, -".data".length) : pathname;
}

export function routeMethods(build: ServerBuild) {
  const tree = routeTree(build);
  return function allowedMethods(pathname: string, search: URLSearchParams): string[] {
    const matches = matchRoutes(tree, documentPath(pathname)) ?? [];
    // The route whose action a POST reaches, as Remix chooses it: the index route only with a
    // naked ?index, otherwise the deepest route that contributes to the path.
    const last = matches[matches.length - 1];
    const nakedIndex = search.getAll("index").some((value) => value === "");
    const target = last?.route.index && nakedIndex ? last : matches.filter((m, i) => i === 0 || m.route.path).at(-1);
    const hasAction = Boolean(target && build.routes[(target.route as RouteNode).id]?.module.action);
    return hasAction ? ["GET", "HEAD", "POST"] : ["GET", "HEAD"];
  };
}
