// Cables end to end: the real app on a demo workspace made by the real CLI (a row of three
// racks). Plan 24 cables from a compute rack's patch panel to its access switch in one bulk
// plan, previewed with every label; print their labels (a real PDF, read back); mark them
// installed; record test results from a CSV (one fails and shows in the alerts list); trace a
// cable through the patch panel; change the label scheme; restart and find it all kept.
// Both tests use the shared app (sharedApp.mjs), each on a workspace of its own.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { sharedWorkspace } from "../sharedApp.mjs";

/** Chooses an option of a <select> by its value and lets React see the change. */
async function choose(app, testId, value) {
  const select = await app.waitForTestId(testId);
  await app.waitFor(
    async () =>
      app.session.execute(
        (id, wanted) =>
          [...document.querySelector(`[data-testid="${id}"]`).options].some(
            (option) => option.value === wanted,
          ),
        testId,
        value,
      ),
    { message: `option ${value} in ${testId}` },
  );
  await select.selectByAttribute("value", value);
}

async function statuses(app) {
  return app.session.execute(() =>
    [...document.querySelectorAll('[data-testid="cable-row"]')].map(
      (row) => row.querySelector('[data-testid="cable-status"]').dataset.status,
    ),
  );
}

/** Paths already named by a toast: a later print waits for a toast naming a new one. */
const seenPaths = new Set();

async function toastPath(app, extension) {
  const found = await app.waitFor(
    async () =>
      app.session.execute(
        (ext, seen) =>
          [...document.querySelectorAll(".toast-message")]
            .map((el) => el.textContent.match(new RegExp(`(/\\S+\\${ext})`))?.[1])
            .find((path) => path !== undefined && !seen.includes(path)) ?? false,
        extension,
        [...seenPaths],
      ),
    { message: `a toast naming a new saved ${extension}` },
  );
  seenPaths.add(found);
  return found;
}

const bulkWorkspace = sharedWorkspace("케이블-데모", (cli) => {
  cli("demo", "--assets", "200", "--racks", "3", "--seed", "5");
  // Read before the app opens the store (sled allows one process at a time).
  return {
    rack: JSON.parse(cli("rack", "show", "A-R02", "--json")),
    firstTag: JSON.parse(cli("asset", "list", "--json", "--limit", "1")).rows[0].asset.asset_tag,
  };
});

test(
  "plan a bulk connection, print its labels, mark them installed and tested",
  { timeout: 300_000 },
  async (t) => {
    const app = await bulkWorkspace.open();
    const { rack, firstTag } = bulkWorkspace.seeded;
    const placementOf = (key) => rack.devices.find((d) => d.placement.device_type === key).id;
    const panel = placementOf("builtin:patch-panel-48-cat6a");
    const access = placementOf("builtin:cisco-catalyst-9300-48t");

    await app.click("nav-cables");
    await app.waitForTestId("cables-empty");

    // One bulk plan: panel front ports 1-24 to the switch's first 24 ports.
    await app.click("open-bulk");
    await app.waitForTestId("bulk-dialog");
    await choose(app, "bulk-a-rack", rack.rack.id);
    await choose(app, "bulk-a-device", panel);
    await choose(app, "bulk-b-rack", rack.rack.id);
    await choose(app, "bulk-b-device", access);
    await app.waitFor(async () => (await (await app.byTestId("bulk-b-port")).getValue()) !== "", {
      message: "the switch's first free port to be picked",
    });
    // Select what is there and type over it (React does not always see WebDriver's clear).
    await app.click("bulk-count");
    await app.session.keys(["Control", "a"]);
    await app.session.keys(["2", "4"]);
    await app.waitFor(async () => (await (await app.byTestId("bulk-count")).getValue()) === "24", {
      message: "the count to read 24",
    });
    let seen = "";
    await app.waitFor(
      async () => {
        seen = await app.session.execute(() =>
          JSON.stringify({
            rows: document.querySelectorAll('[data-testid="bulk-row"]').length,
            summary: document.querySelector('[data-testid="bulk-summary"]')?.textContent,
            problems: document.querySelector('[data-testid="cable-problems"]')?.textContent,
            ports: ["bulk-a-port", "bulk-b-port", "bulk-count"].map(
              (id) => document.querySelector(`[data-testid="${id}"]`)?.value,
            ),
          }),
        );
        return JSON.parse(seen).rows === 24;
      },
      { message: () => `24 cables in the preview (last seen: ${seen})` },
    );
    const firstLabel = await app.session.execute(
      () => document.querySelector('[data-testid="bulk-row"] .mono').textContent,
    );
    assert.match(firstLabel, /^A-R02-U42-1\/A-R02-U40-GigabitEthernet1\/0\/1$/);
    await app.waitForText("bulk-summary", /24.*0/);
    await app.screenshot("cables-bulk-plan");
    await app.click("bulk-commit");
    await app.waitFor(async () => !(await (await app.byTestId("bulk-dialog")).isExisting()), {
      message: "the bulk dialog to close",
    });
    await app.waitForText("cable-count", "24");
    await app.waitForTestId("selection-bar");

    // Print the selection's labels: both ends of 24 cables on A4 3×8 sheets, two pages.
    await app.click("selection-print");
    await app.waitForTestId("print-dialog");
    assert.equal(await (await app.byTestId("print-scope-selection")).isSelected(), true);
    await choose(app, "print-media", "a4-3x8");
    // How many before printing: 24 cables, both ends each.
    await app.waitForText("print-summary", /케이블 24개, 라벨 48장을 인쇄합니다/);
    await app.click("print-go");
    const pdf = await toastPath(app, ".pdf");
    t.after(() => fs.rmSync(pdf, { force: true }));
    const text = spawnSync("pdftotext", ["-raw", pdf, "-"], { encoding: "utf8" }).stdout;
    assert.match(text, /A-R02-U42-1\/A-R02-U40-GigabitEthernet1\/0\/1/);
    assert.match(text, /A-R02-U40-GigabitEthernet1\/0\/24\/A-R02-U42-24/);
    const info = spawnSync("pdfinfo", [pdf], { encoding: "utf8" }).stdout;
    assert.match(info, /Pages:\s+2\b/);
    assert.match(info, /Page size:\s+595\.\d+ x 841\.\d+ pts/);
    await app.waitFor(
      async () => (await app.session.$$('[data-testid="cable-printed"] svg')).length >= 20,
      { message: "the printed mark on the cables" },
    );

    // Mark them installed: the selection is still the 24 planned cables.
    await app.click("selection-installed");
    // What the status change will do first (24 cables), then it is done.
    await app.waitForText("cable-status-confirm-summary", /케이블 24개의 상태가/);
    await app.click("cable-status-confirm-go");
    await app.waitFor(async () => (await statuses(app)).every((s) => s === "installed"), {
      message: "every cable installed",
    });

    // Test results from the tester's CSV: 23 pass, one fails.
    const csvDir = fs.mkdtempSync(path.join(os.tmpdir(), "cloudwright-cables-"));
    t.after(() => fs.rmSync(csvDir, { recursive: true, force: true }));
    const results = path.join(csvDir, "dsx-results.csv");
    const lines = ["label,result,tester,date,length_m,loss_db"];
    for (let port = 1; port <= 24; port += 1) {
      const label = `A-R02-U42-${port}/A-R02-U40-GigabitEthernet1/0/${port}`;
      lines.push(
        `${label},${port === 7 ? "fail" : "pass"},이서연,2026-12-01 10:${port + 10},2.${port},`,
      );
    }
    fs.writeFileSync(results, `${lines.join("\n")}\n`);
    await app.session.execute(() =>
      document.querySelector('[data-testid="tests-import-file"]').classList.remove("sr-only"),
    );
    await (await app.session.$('[data-testid="tests-import-file"]')).setValue(results);
    await app.waitFor(
      async () => {
        const seen = await statuses(app);
        return (
          seen.filter((s) => s === "tested").length === 23 &&
          seen.filter((s) => s === "failed").length === 1
        );
      },
      { message: "23 tested and 1 failed" },
    );

    // The failed cable: its detail shows the test and a trace through the patch panel.
    await (
      await app.session.$(
        '[data-testid="cable-row"][data-label="A-R02-U42-7/A-R02-U40-GigabitEthernet1/0/7"]',
      )
    ).click();
    await app.waitForText("cable-detail-label", "A-R02-U42-7/A-R02-U40-GigabitEthernet1/0/7");
    await app.waitForText("cable-detail-status", /시험 실패/);
    await app.click("cable-trace-B");
    await app.waitFor(
      async () => (await app.session.$$('[data-testid="trace-hop"]')).length === 1,
      { message: "a one-cable path from the switch" },
    );
    await app.screenshot("cables-detail-trace");
    await app.click("nav-alerts");
    await app.waitFor(
      async () =>
        app.session.execute(() =>
          [...document.querySelectorAll('[data-testid="alert-row"][data-source="cables"]')].some(
            (row) => row.textContent.includes("A-R02-U42-7/"),
          ),
        ),
      { message: "the failed cable in the alerts list" },
    );

    // Kept over a restart.
    await app.restart();
    await app.click("nav-cables");
    await app.waitForText("cable-count", "24");
    await app.waitFor(
      async () => (await statuses(app)).filter((s) => s === "tested").length === 23,
      {
        message: "the test results after a restart",
      },
    );

    // The rack's cable schedule: grouped by device, the failed cable among its rows.
    await app.click("open-schedule");
    await choose(app, "schedule-rack", rack.rack.id);
    await app.click("schedule-pdf");
    const schedule = await toastPath(app, ".pdf");
    t.after(() => fs.rmSync(schedule, { force: true }));
    const scheduleText = spawnSync("pdftotext", ["-raw", schedule, "-"], {
      encoding: "utf8",
    }).stdout;
    assert.match(scheduleText, /케이블 스케줄/);
    assert.match(scheduleText, /A-R02-U42-7\/A-R02-U40-GigabitEthernet1\/0\/7/);

    // Asset tags from the register, on the same label machinery.
    await app.click("nav-assets");
    await app.click("asset-tags-button");
    await app.waitForTestId("asset-tags-dialog");
    // No search or filter on the list: it says it prints every asset's tag, and how many.
    await app.waitForText("asset-tags-summary", /모든 자산 200개의 태그를 인쇄합니다/);
    await app.click("asset-tags-go");
    const tags = await toastPath(app, ".pdf");
    t.after(() => fs.rmSync(tags, { force: true }));
    const tagText = spawnSync("pdftotext", ["-raw", tags, "-"], { encoding: "utf8" }).stdout;
    assert.ok(tagText.includes(firstTag), `${firstTag} on the tag sheet`);
  },
);

const cabledWorkspace = sharedWorkspace("케이블-데모-2000", (cli) => {
  cli("demo", "--assets", "400", "--racks", "20", "--cables", "2000", "--seed", "7");
  return { cables: JSON.parse(cli("cable", "list", "--json")) };
});

test(
  "a cabled demo room: filter by status, search a port, trace it through three patch panels",
  { timeout: 300_000 },
  async () => {
    const app = await cabledWorkspace.open();
    const { cables } = cabledWorkspace.seeded;
    const failed = cables.filter((cable) => cable.status === "failed").length;
    assert.ok(failed > 0, "the demo has failed cables");
    const all = cables.length.toLocaleString("ko-KR");

    await app.click("nav-cables");
    await app.waitForText("cable-count", all);
    await app.screenshot("cables-list");

    await choose(app, "cable-filter-status", "failed");
    await app.waitForText("cable-count", `${failed} / ${all}`);
    assert.ok((await statuses(app)).every((status) => status === "failed"));
    await choose(app, "cable-filter-status", "");

    // The first access switch's uplink: its own panel, a trunk to the network rack, a
    // cross-connect there, and on to the row's aggregation switch.
    await app.type("cable-search", "A-R02-U40-GigabitEthernet1/0/48");
    await app.waitForText("cable-count", `1 / ${all}`);
    await (await app.session.$('[data-testid="cable-row"]')).click();
    await app.click("cable-trace-A");
    await app.waitFor(
      async () => (await app.session.$$('[data-testid="trace-hop"]')).length === 4,
      { message: "four cables on the path" },
    );
    const route = await app.session.execute(
      () => document.querySelector('[data-testid="trace-path"]').textContent,
    );
    assert.match(route, /A-R01/, "the path reaches the network rack");
    await app.screenshot("cables-trace");
  },
);
