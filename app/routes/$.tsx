import { GeneralErrorBoundary } from "~/ui/error-boundary.tsx";
import { notFound } from "~/ui/responses.server.ts";

export async function loader() {
  notFound();
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
