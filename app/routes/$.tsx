/**
 * Any URL no other route matches. Without this route Remix answers such a URL from the root
 * without running the root loader, and the "not found" page would lose the visitor's language,
 * name and navigation; here the root loader runs and the root ErrorBoundary keeps the layout.
 */
export async function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}
