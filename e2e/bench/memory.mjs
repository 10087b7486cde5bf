// Resident memory of the desktop app with a 50,000-asset demo workspace open, WebKit's
// processes included. Prints a Markdown table row for BENCHMARKS.md.
//
//   node bench/memory.mjs [ASSETS]        (default 50000; needs a built app and CLI: make build)
//
// It generates the demo workspace with the real CLI, starts the real app under Xvfb through
// tauri-driver, waits for the list, scrolls to the middle and the end, runs a search and opens
// an asset's detail with its history, then sums VmRSS (and PSS, which does not count shared
// library pages twice) over the app process and every process it started.
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import { runCli, startApp } from "../harness.mjs";

const assets = Number(process.argv[2] ?? 50000);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cloudwright-memory-"));
runCli([
  "--data-dir",
  dataDir,
  "--workspace",
  "데모-데이터센터",
  "demo",
  "--assets",
  String(assets),
  "--seed",
  "7",
]);

function descendants(pid) {
  const children = fs
    .readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return (
          fs.readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1].split(" ")[1] ===
          String(pid)
        );
      } catch {
        return false;
      }
    })
    .map(Number);
  return children.flatMap((child) => [child, ...descendants(child)]);
}

function kib(pid, file, field) {
  try {
    const line = fs
      .readFileSync(`/proc/${pid}/${file}`, "utf8")
      .split("\n")
      .find((l) => l.startsWith(field));
    return line ? Number(line.split(/\s+/)[1]) : 0;
  } catch {
    return 0;
  }
}

function processName(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return "?";
  }
}

const app = await startApp({ dataDir });
try {
  await app.waitFor(async () => (await app.session.$$('[data-testid="asset-row"]')).length > 10, {
    timeoutMs: 60_000,
    message: "the asset list",
  });
  for (const fraction of [0.5, 1]) {
    await app.session.execute((f) => {
      const scroller = document.querySelector('[data-testid="asset-table"]');
      if (scroller) scroller.scrollTop = scroller.scrollHeight * f;
    }, fraction);
    await app.waitFor(async () => (await app.session.$$('[data-testid="asset-row"]')).length > 10, {
      message: "rows after scrolling",
    });
  }
  await app.type("search-input", "R760");
  await app.waitFor(async () => (await app.session.$$('[data-testid="asset-row"]')).length > 0, {
    message: "search results",
  });
  const [firstRow] = await app.session.$$('[data-testid="asset-row"]');
  await firstRow.click();
  await app.waitForTestId("history-entry");

  const [appPid] = app.appPids();
  const pids = [appPid, ...descendants(appPid)];
  let rss = 0;
  let pss = 0;
  const parts = [];
  for (const pid of pids) {
    const processRss = kib(pid, "status", "VmRSS:");
    rss += processRss;
    pss += kib(pid, "smaps_rollup", "Pss:");
    parts.push(`${processName(pid)} ${(processRss / 1024).toFixed(0)} MB`);
  }
  console.log(
    `| desktop app, ${assets} assets open (${parts.join(", ")}) | RSS ${(rss / 1024).toFixed(0)} MB | PSS ${(pss / 1024).toFixed(0)} MB | ≤ 400 MB |`,
  );
} finally {
  await app.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
