import { enableCompileCache, registerHooks } from "node:module";

/**
 * What `node --import ./tools/node-runtime/run-typescript.ts tools/x.ts` loads first: the repository's tools run on
 * Node's own type stripping, without tsx.
 *
 * - The sources import each other as `./file.js` (what `tsc` resolves under NodeNext) while Node looks for that
 *   file literally: a relative `.js` import from the repository's own sources that finds nothing is answered with
 *   the `.ts` file beside it. When that is missing too, the error is the one for the import as written.
 * - V8's compile cache (Node's own directory under the temporary directory): the Pulumi SDK and its providers are
 *   thousands of CommonJS files, compiled again by every run without it.
 *
 * Why not tsx for these tools: its hooks see every one of those files, which doubled the offline preview's module
 * loading, and its compiler bypasses the compile cache (`npm run bench:preview`: module load 2.3-2.8 s with tsx,
 * 1.1-1.4 s this way). `erasableSyntaxOnly` in tsconfig.json keeps the sources within what type stripping runs.
 */
registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (!isOwnRelativeJsImport(specifier, context.parentURL) || (error as { code?: unknown }).code !== "ERR_MODULE_NOT_FOUND") throw error;
      try {
        return nextResolve(`${specifier.slice(0, -".js".length)}.ts`, context);
      } catch {
        throw error;
      }
    }
  },
});
enableCompileCache();

function isOwnRelativeJsImport(specifier: string, parentURL: string | undefined): boolean {
  const relative = specifier.startsWith("./") || specifier.startsWith("../");
  const fromOwnSources = parentURL !== undefined && parentURL.startsWith("file:") && !parentURL.includes("/node_modules/");
  return relative && fromOwnSources && specifier.endsWith(".js");
}
