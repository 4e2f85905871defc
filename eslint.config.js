import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "test-results/", "src/types/thunderbird.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-namespace": "off",
    },
  },
  {
    // Core is pure: it runs in Node and inside Thunderbird alike, so no Node or add-on APIs.
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["node:*", "fs", "path", "child_process"] }],
      "no-restricted-globals": ["error", "messenger", "browser", "document", "window", "process"],
    },
  },
  {
    files: ["src/addon/**/*.ts", "src/ui/**/*.ts", "test/e2e/addon/**/*.ts"],
    languageOptions: { globals: { ...globals.browser, messenger: "readonly", browser: "readonly" } },
    rules: { "no-restricted-imports": ["error", { patterns: ["node:*"] }] },
  },
  {
    // Experiments run in Thunderbird's privileged scope, with its own globals.
    files: ["**/experiments/**/*.js"],
    languageOptions: {
      sourceType: "script",
      globals: { ExtensionCommon: "readonly", ExtensionUtils: "readonly", ChromeUtils: "readonly", Services: "readonly", Cc: "readonly", Ci: "readonly", Cr: "readonly" },
    },
    rules: { "no-unused-vars": ["error", { argsIgnorePattern: "^_" }], "no-var": "off" },
  },
);
