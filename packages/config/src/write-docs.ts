// `npm run config:docs`: regenerates `.env.example` and the README's
// configuration table from the module; only the text between the table's
// markers changes in the README.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderEnvExample, withReadmeTable } from "./docs";
import { findRepoRoot } from "./environment";

const root = findRepoRoot(import.meta.dirname);
writeFileSync(join(root, ".env.example"), renderEnvExample());
const readme = join(root, "README.md");
writeFileSync(readme, withReadmeTable(readFileSync(readme, "utf8")));
console.log("wrote .env.example and the README's configuration table");
