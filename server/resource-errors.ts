// Routes without a page of their own (downloads, form endpoints) answer a refusal or a failure
// with the portal's localised error page, like every other route, instead of the bare text a
// loader throws ("Forbidden") or Remix's "Unexpected Server Error".
import type { ServerBuild } from "@remix-run/node";
import { renderErrorPage } from "./error-page.ts";

type Handler = (args: { request: Request }) => unknown;

function errorPageOnFailure(handler: Handler, stylesheet: string | undefined): Handler {
  return async (args) => {
    try {
      return await handler(args);
    } catch (thrown) {
      const status = thrown instanceof Response ? thrown.status : 500;
      if (thrown instanceof Response && status < 400) throw thrown;
      if (!(thrown instanceof Response)) console.error(thrown);
      const problem = status === 400 ? await namedProblem(thrown as Response) : null;
      return new Response(await renderErrorPage(args.request, status, stylesheet, problem ? ["errorPages.badRequestTitle", problem] : undefined), {
        status,
        headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
      });
    }
  };
}

/** The message key a refusal names its problem by (badRequest in app/ui/responses.server.ts), if any. */
async function namedProblem(response: Response): Promise<string | null> {
  const body = (await response.json().catch(() => null)) as { message?: unknown } | null;
  return typeof body?.message === "string" && /^errorPages\.[A-Za-z]+$/.test(body.message) ? body.message : null;
}

/** The build with every route that has no page (no default export, no error boundary) wrapped. */
export function withPortalErrorPages(build: ServerBuild, stylesheet: string | undefined): ServerBuild {
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      const module = route.module;
      if (module.default || module.ErrorBoundary) return [id, route];
      const wrapped = {
        ...module,
        ...(module.loader ? { loader: errorPageOnFailure(module.loader as Handler, stylesheet) } : {}),
        ...(module.action ? { action: errorPageOnFailure(module.action as Handler, stylesheet) } : {}),
      };
      return [id, { ...route, module: wrapped }];
    }),
  );
  return { ...build, routes } as ServerBuild;
}
