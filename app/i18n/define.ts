/**
 * A catalog section is two modules side by side, `<section>.id.ts` and `<section>.en.ts`, so the
 * browser loads only the visitor's language (docs/decisions/014-message-loading.md). The English
 * module `satisfies Messages<typeof id>`: it must list exactly the Indonesian keys.
 */
export type Messages<T> = { [K in keyof T]: string };
