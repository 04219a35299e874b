// node DEST_DIR/parse.mjs FILE...: parses each file with Mermaid's own parser (mermaid.parse, the
// one its renderer runs first) and prints "FILE: <diagram type>", or "FILE: <Mermaid's error>" on
// stderr. Exit 0 when every file parses, 1 otherwise, 2 on a usage error.
import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node parse.mjs FILE...");
  process.exit(2);
}
// Mermaid sanitises labels with DOMPurify, which needs a DOM.
const dom = new JSDOM("<!DOCTYPE html><body></body>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });

let failed = 0;
for (const file of files) {
  try {
    const result = await mermaid.parse(readFileSync(file, "utf8"));
    console.log(`${file}: ${result.diagramType}`);
  } catch (e) {
    console.error(`${file}: ${String(e?.message ?? e).split("\n").join(" | ")}`);
    failed++;
  }
}
process.exit(failed ? 1 : 0);
