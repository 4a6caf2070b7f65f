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

type RouteMatches = NonNullable<ReturnType<typeof matchRoutes<RouteNode>>>;
const MATCHES_KEPT = 2_000;

/**
 * The routes a path reaches. Matching ranks every route of the portal anew on each call, and two
 * steps of every request ask it: the answers for the paths asked most recently are kept (a bounded
 * number, so that made-up paths cannot grow it).
 */
export function routeMatcher(build: ServerBuild): (pathname: string) => RouteMatches {
  const tree = routeTree(build) as RouteNode[];
  const kept = new Map<string, RouteMatches>();
  return (pathname) => {
    const path = documentPath(pathname);
    let matches = kept.get(path);
    if (matches) {
      kept.delete(path);
    } else {
      matches = matchRoutes(tree, path) ?? [];
      if (kept.size >= MATCHES_KEPT) kept.delete(kept.keys().next().value!);
    }
    kept.set(path, matches);
    return matches;
  };
}

export function routeMethods(build: ServerBuild, matchesOf: (pathname: string) => RouteMatches) {
  return function allowedMethods(pathname: string, search: URLSearchParams): string[] {
    const matches = matchesOf(pathname);
    // The route whose action a POST reaches, as Remix chooses it: the index route only with a
    // naked ?index, otherwise the deepest route that contributes to the path.
    const last = matches[matches.length - 1];
    const nakedIndex = search.getAll("index").some((value) => value === "");
    const target = last?.route.index && nakedIndex ? last : matches.filter((m, i) => i === 0 || m.route.path).at(-1);
    const hasAction = Boolean(target && build.routes[(target.route as RouteNode).id]?.module.action);
    return hasAction ? ["GET", "HEAD", "POST"] : ["GET", "HEAD"];
  };
}
