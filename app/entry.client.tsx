import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";

// A navigation cut short by the next one (a second form sent while the first page's data still
// streams in) rejects inside Remix's single fetch with an AbortError nobody awaits. It is the
// superseded request, not a failure (remix-run/react-router#14203): it is not reported as one.
window.addEventListener("unhandledrejection", (event) => {
  if ((event.reason as { name?: unknown } | null)?.name === "AbortError") event.preventDefault();
});

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  );
});
