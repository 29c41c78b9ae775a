import type { LoaderFunctionArgs } from "@remix-run/node";
import { serveEvidence } from "./serve.server";

/** An evidence file at full size (docs/http.md): only to those who may see it, 404 to anyone else. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return serveEvidence(request, params.id, "full");
}
