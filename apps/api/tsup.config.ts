import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/main.ts", "src/db/migrate-cli.ts"],
  format: ["esm"],
  target: "node20",
  platform: "node",
  outDir: "dist",
  clean: true,
  sourcemap: true,
  // The workspace packages ship TypeScript sources, so they must be compiled
  // into the bundle; real npm dependencies stay in node_modules.
  noExternal: [/^@taskgate\//],
});
