// The whole end-to-end suite in one Node process (`npm test`), so that every test using the
// shared app (sharedApp.mjs) uses the same one; each test is still reported on its own. Every
// tests/*.test.mjs is imported, in name order; one file also runs alone:
//   node --test --test-force-exit tests/racks.test.mjs
import fs from "node:fs";

const testsDir = new URL("./tests/", import.meta.url);
for (const file of fs
  .readdirSync(testsDir)
  .filter((name) => name.endsWith(".test.mjs"))
  .sort()) {
  await import(new URL(file, testsDir).href);
}
