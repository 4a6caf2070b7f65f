import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const noTestImports = [{ group: ["**/tests/**", "../tests/*"], message: "App code must not import test code." }];
const safeRedirectsOnly = ["@remix-run/node", "@remix-run/react", "@remix-run/server-runtime"].map((name) => ({
  name,
  importNames: ["redirect", "redirectDocument", "replace"],
  message: "Redirect with ~/ui/redirect.server.ts: every target passes safeRedirectTarget.",
}));
// Our own translator replaced them (14 KB of every page; docs/decisions/013-page-weight.md): a
// component using react-i18next's hook would find no instance and show keys.
const ownTranslator = [
  { name: "react-i18next", message: "useTranslation comes from ~/i18n/use-translation.tsx." },
  { name: "i18next", message: "createI18n and TFunction come from ~/i18n/i18n.ts." },
];

export default tseslint.config(
  { ignores: ["build/", "public/build/", "node_modules/", ".data/", "test-results/", "playwright-report/", "bench-results/", ".cache/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-imports": ["error", { patterns: noTestImports, paths: [...safeRedirectsOnly, ...ownTranslator] }],
    },
  },
  {
    // A module the browser build can reach must not bring zod along (about 90 KB compressed):
    // schemas live in *.server.ts, which the browser build leaves empty. Types are fine.
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/**/*.server.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: noTestImports,
          paths: [...safeRedirectsOnly, ...ownTranslator, { name: "zod", allowTypeImports: true, message: "Schemas belong in a *.server.ts module (zod stays out of the browser)." }],
        },
      ],
    },
  },
  {
    files: ["app/**/*.tsx"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          // A search form (method get) asks for nothing; every other form is answered by the server.
          selector: "JSXOpeningElement[name.name=/^(Form|form)$/]:not(:has(JSXAttribute[name.name='noValidate'])):not(:has(JSXAttribute[name.name='method'][value.value='get']))",
          message: "Give every form that posts noValidate: the server answers in the page's language, never the browser's own bubbles.",
        },
      ],
    },
  },
  {
    files: ["app/ui/redirect.server.ts"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    files: ["tests/**/*.ts"],
    rules: { "no-empty-pattern": "off", "react-hooks/rules-of-hooks": "off" },
  },
);
