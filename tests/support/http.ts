/** A tiny cookie-keeping client for driving the real server like a browser without JS. */
export class HttpClient {
  private cookies = new Map<string, string>();

  constructor(public baseUrl: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === "" || /max-age=0/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line))
        this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    const response = await fetch(this.baseUrl + path, {
      redirect: "manual",
      headers: { Cookie: this.cookieHeader(), ...headers },
    });
    this.remember(response);
    return response;
  }

  /** A plain form POST, as a browser with JavaScript off sends it (same-origin). */
  async post(
    path: string,
    fields: Record<string, string> | URLSearchParams | FormData,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const body =
      fields instanceof URLSearchParams || fields instanceof FormData
        ? fields
        : new URLSearchParams(fields);
    const response = await fetch(this.baseUrl + path, {
      method: "POST",
      redirect: "manual",
      body,
      headers: {
        Cookie: this.cookieHeader(),
        Origin: this.baseUrl,
        "Sec-Fetch-Site": "same-origin",
        ...headers,
      },
    });
    this.remember(response);
    return response;
  }

  async login(email: string, password: string): Promise<Response> {
    return this.post("/login", { email, password });
  }
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** the body as UTF-8 text */
  body: string;
  /** the body as it came (still gzipped when the server compressed it) */
  bytes: Buffer;
}

/**
 * One request through node:http, for what fetch will not send: a Host header of our choosing
 * (DNS rebinding), or a body with a malformed or missing Content-Type.
 */
export async function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  const { request } = await import("node:http");
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: options.method ?? "GET",
        headers: {
          ...(options.body !== undefined
            ? { "Content-Length": String(Buffer.byteLength(options.body)) }
            : {}),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const bytes = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: bytes.toString("utf8"),
            bytes,
          });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/**
 * A page's HTML without the stylesheet written into its head (app/lib/inline-stylesheet.tsx):
 * what a test means when it says a page does not show something (the stylesheet names classes
 * and holds numbers of its own, such as `.temp-password` or `999px`).
 */
export function withoutStylesheet(html: string): string {
  return html.replace(/<style id="app-stylesheet">[\s\S]*?<\/style>/, "");
}
