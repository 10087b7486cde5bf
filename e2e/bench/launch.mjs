// What it costs an end-to-end test to get the app in a known state, for BENCHMARKS.md:
//   - a launch: startApp() (Xvfb, tauri-driver, WebKitWebDriver, the app, its webview) until
//     the first screen shows, and close() (every process stopped, temp dirs removed);
//   - a restart: a new app process on the same data dir (app.restart()) until the first screen;
//   - a shared app's reset: another workspace opened and the page reloaded (what
//     sharedApp.mjs does before every test) until that workspace's list shows.
//
//   node bench/launch.mjs [runs]     (needs a built app and CLI: make build)
//
// The data dir holds a demo workspace of 200 assets made by the real CLI, and an empty one
// the first run adds through the app. Times are wall clock
// from Node, WebDriver round trips included, since that is what a test pays. Prints a
// Markdown table of medians.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runCli, startApp } from "../harness.mjs";

const runs = Number(process.argv[2] ?? 5);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cloudwright-bench-launch-"));
runCli(["demo", "--data-dir", dataDir, "--workspace", "벤치", "--assets", "200", "--seed", "1"]);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timed(action) {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

const firstScreen = (app) => app.waitForText("asset-count", "총 200개");
const figures = { launch: [], restart: [], reset: [], close: [] };
for (let run = 0; run < runs; run += 1) {
  let app;
  figures.launch.push(
    await timed(async () => {
      app = await startApp({ dataDir });
      await firstScreen(app);
    }),
  );
  figures.restart.push(
    await timed(async () => {
      await app.restart();
      await firstScreen(app);
    }),
  );
  if (run === 0) await app.invoke("workspace_create", { name: "벤치-빈" });
  // Ends on the demo workspace, which the next launch then opens.
  for (const name of ["벤치-빈", "벤치", "벤치-빈", "벤치"]) {
    figures.reset.push(await timed(() => app.showWorkspace(name)));
  }
  figures.close.push(await timed(() => app.close()));
}
fs.rmSync(dataDir, { recursive: true, force: true });

const rows = [
  ["launch: startApp() to the first screen", figures.launch],
  ["close(): every process stopped", figures.close],
  ["restart: new app process to the first screen", figures.restart],
  ["shared app: open another workspace, reload, its list shown", figures.reset],
];
console.log(`| what a test pays (${runs} runs) | median ms |`);
console.log("|---|---|");
for (const [what, values] of rows) console.log(`| ${what} | ${Math.round(median(values))} |`);
