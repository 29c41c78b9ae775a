import fs from "node:fs";
import path from "node:path";
import stylesheet from "~/styles/app.css";

let text: string | undefined;

/**
 * The built stylesheet's text, for the page's `<head>` (app/lib/inline-stylesheet.tsx), read once
 * from the build (`public/build/_assets/app-<hash>.css`, the file Remix links). Should the file
 * not be there, an `@import` of its address: the page still gets its styles, only later.
 * A `</style>` inside the text would end the element early: the stylesheet has none (it is our own
 * file), and any `<` is escaped anyway, which CSS reads the same.
 */
export function stylesheetText(): string {
  if (text !== undefined) return text;
  try {
    const css = fs.readFileSync(path.join(process.cwd(), "public", stylesheet), "utf8");
    text = css.replace(/</g, "\\3c ");
  } catch {
    text = `@import url(${JSON.stringify(stylesheet)});`;
  }
  return text;
}
