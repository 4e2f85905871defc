import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

const PLATFORM_ONLY = "Thunderbird's APIs are called from src/addon/platform/ only: use (or add) a small typed module there.";

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
    // Only src/addon/platform talks to Thunderbird (issue 13): features, stores and pages use its
    // small typed modules, so that every messenger.* call is in one place.
    files: ["src/addon/background.ts", "src/addon/features/**/*.ts", "src/addon/storage/**/*.ts", "src/addon/workers/**/*.ts", "src/ui/**/*.ts"],
    rules: {
      "no-restricted-globals": ["error", ...["messenger", "browser"].map((name) => ({ name, message: PLATFORM_ONLY }))],
      "no-restricted-syntax": [
        "error",
        // Types too (messenger.compose.ComposeDetails): platform modules export the ones needed.
        { selector: "TSQualifiedName[left.name=/^(messenger|browser)$/]", message: PLATFORM_ONLY },
        // …nor reached as a property (globalThis.messenger, a cast, window["browser"]).
        { selector: "MemberExpression[property.name=/^(messenger|browser)$/]", message: PLATFORM_ONLY },
        { selector: "MemberExpression[property.value=/^(messenger|browser)$/]", message: PLATFORM_ONLY },
      ],
    },
  },
  {
    // Pages share only the message contract with the background (platform/contract.ts), never a feature.
    files: ["src/ui/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["node:*"] }, { regex: "(^|/)addon/features(/|$)", message: "Pages import no feature: types and commands they share with the background are in src/addon/platform/contract.ts." }] }],
    },
  },
  {
    // Experiments run in Thunderbird's privileged scope, with its own globals.
    files: ["**/experiments/**/*.js"],
    languageOptions: {
      sourceType: "script",
      globals: { ExtensionCommon: "readonly", ExtensionUtils: "readonly", ChromeUtils: "readonly", Services: "readonly", Cc: "readonly", Ci: "readonly", Cr: "readonly", Cu: "readonly" },
    },
    rules: { "no-unused-vars": ["error", { argsIgnorePattern: "^_" }], "no-var": "off" },
  },
);
