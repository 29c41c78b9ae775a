import type { LoaderFunctionArgs } from "@remix-run/node";
import { serveEvidence } from "./files.$id/serve.server";

/** An evidence photo's thumbnail (docs/http.md): the same people as the file itself. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return serveEvidence(request, params.id, "thumb");
}
