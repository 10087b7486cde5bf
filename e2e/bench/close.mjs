// How long closing the window takes with the backup on closing, for BENCHMARKS.md: the real
// app on a demo workspace, closed as a user closes it (the window manager's WM_DELETE_WINDOW,
// see x11.mjs), timed from the close request to the window no longer shown, and to the
// process gone (the backup finished); then the backup is checked with the real CLI.
//
//   node bench/close.mjs [ASSETS] [RUNS]     (default 2000 and 5; needs `make build`)
//
// The demo is the one `make run` makes for 2,000 assets (20 racks cabled), else the asset demo
// alone (seed 7). Each run starts the app, waits for the asset list, scrolls nothing, and
// closes it; the data dir is kept between runs, so every close writes another backup (the
// last seven are kept). Prints a Markdown table of the runs and their medians.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { runCli, startApp } from "../harness.mjs";
import { X11 } from "../x11.mjs";

const assets = Number(process.argv[2] ?? 2000);
const runs = Number(process.argv[3] ?? 5);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cloudwright-bench-close-"));
const demo = ["--data-dir", dataDir, "--workspace", "데모-데이터센터", "demo"];
demo.push("--assets", String(assets), "--seed", "7");
if (assets <= 2000) demo.push("--racks", "20", "--cables", "5000");
runCli(demo);

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const figures = [];
for (let run = 0; run < runs; run += 1) {
  const app = await startApp({ dataDir });
  try {
    await app.waitForText("asset-count", /\d/, { timeoutMs: 120_000 });
    const [pid] = app.appPids();
    const x = await X11.connect(app.display);
    const window = await x.topLevelWindowOf(pid);
    const started = performance.now();
    await x.requestClose(window);
    let hidden;
    let exited;
    while (exited === undefined && performance.now() - started < 120_000) {
      if (hidden === undefined && !(await x.isViewable(window))) {
        hidden = performance.now() - started;
      }
      if (!alive(pid)) exited = performance.now() - started;
      else await delay(5);
    }
    x.close();
    figures.push({ hidden, exited });
  } finally {
    await app.close();
  }
}
const backups = JSON.parse(runCli(["--data-dir", dataDir, "store", "backups", "--json"]));
fs.rmSync(dataDir, { recursive: true, force: true });
if (backups.length !== Math.min(runs, 7)) {
  throw new Error(
    `expected ${Math.min(runs, 7)} backups after ${runs} closes, found ${backups.length}`,
  );
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value) => (value === undefined ? "—" : value.toFixed(0));
const newest = backups[backups.length - 1];
console.log(
  `${assets} assets: ${newest.counts.documents} documents, ${newest.counts.bytes} bytes a backup`,
);
console.log("| close request to | runs (ms) | median |");
console.log("|---|---|---|");
for (const [label, key] of [
  ["window no longer shown", "hidden"],
  ["process exited (backup written)", "exited"],
]) {
  const values = figures.map((figure) => figure[key]);
  console.log(`| ${label} | ${values.map(ms).join(" / ")} | ${ms(median(values))} |`);
}
