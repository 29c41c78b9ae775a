import { z } from "zod";

/**
 * zod's own messages are English text for developers ("Invalid input: expected number, received
 * string"). Every schema names its own catalog keys where it can; for any issue that has none,
 * this gives one, so a user only ever reads the catalogs, in their own language. Loaded once by
 * every server entry point (the app's entry.server.tsx and the CLI).
 */
z.config({
  customError: (issue) => {
    const blank = issue.input === undefined || issue.input === "";
    switch (issue.code) {
      case "invalid_type":
        if (blank) return "error.required";
        return issue.expected === "number" || issue.expected === "int"
          ? "error.number"
          : "error.invalid";
      case "too_small":
        return issue.origin === "string" && blank ? "error.required" : "error.invalid";
      case "too_big":
        return issue.origin === "string" ? "error.tooLong" : "error.invalid";
      default:
        return "error.invalid";
    }
  },
});
