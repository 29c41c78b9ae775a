import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "public/build/**",
      ".cache/**",
      "node_modules/**",
      "data/**",
      ".stryker-tmp/**",
      "reports/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  {
    files: ["app/**/*.tsx"],
    plugins: { "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
    },
  },
  {
    // Layers: routes and components never query the database; they call models.
    files: ["app/routes/**", "app/components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "kysely", message: "Queries live in app/models/*.server.ts." },
            { name: "better-sqlite3", message: "Queries live in app/models/*.server.ts." },
            { name: "~/lib/db.server", message: "Call a model function instead." },
          ],
        },
      ],
    },
  },
  {
    // Layers: cross-cutting server code sits below the models and never calls them.
    files: ["app/lib/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["~/models/*", "../models/*", "**/app/models/*"],
              message: "app/lib sits below the models; move the shared part down instead.",
            },
          ],
        },
      ],
    },
  },
  {
    // Layers: the database (migrations, seed) sits below the app's models.
    files: ["db/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["~/models/*", "**/app/models/*"],
              message: "db/ sits below the models; take what the seed needs as a parameter.",
            },
          ],
        },
      ],
    },
  },
);
