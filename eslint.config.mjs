import js from "@eslint/js";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import { importX } from "eslint-plugin-import-x";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/dist/**", "**/coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // No import cycles: a module graph without them can be read, tested and split from the bottom up, and a
    // module is fully initialised before anything uses it. The plugin's TypeScript settings make it follow
    // .ts files, and the TypeScript resolver maps `./x.js` specifiers to `./x.ts`.
    files: ["**/*.ts"],
    plugins: { "import-x": importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      "import-x/resolver-next": [createTypeScriptImportResolver()],
    },
    // A cycle inside a package is not ours to fix, and walking node_modules makes lint six times slower.
    rules: { "import-x/no-cycle": ["error", { ignoreExternal: true }] },
  },
  {
    // Components are the library and stacks/ the program that composes them: imports flow stacks/ → components/, never back.
    files: ["components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/stacks", "**/stacks/**"], message: "components/ must not import from stacks/: move the shared helper into components/lib/." }] },
      ],
    },
  },
);
