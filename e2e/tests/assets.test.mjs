// Assets end to end: the real app, a real store in a temp dir, driven like a user would.
//   1. First run → create a workspace → register (with a refused field first) → search →
//      edit → history shows before → after → restart → still there → English labels.
//   2. Demo data (the real CLI): list, detail with history, a form with errors, the import
//      preview, a real import and an export; screenshots for the README.
//   3. 50,000 assets: scrolling renders only the visible rows and stays fast.
// The first starts an app of its own (it needs an empty data dir for the first-run screen); the
// others use the shared app (sharedApp.mjs), each on a workspace of its own.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { startApp } from "../harness.mjs";
import { sharedWorkspace } from "../sharedApp.mjs";

/** The asset tags of the rows in the DOM (the virtualised list renders only some). */
async function rowTags(app) {
  return app.session.execute(() =>
    [...document.querySelectorAll('[data-testid="asset-row"]')]
      .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
      .map((row) => row.dataset.assetTag),
  );
}

async function waitForRows(app, expected, message) {
  let last;
  await app.waitFor(
    async () => {
      last = await rowTags(app);
      return JSON.stringify(last) === JSON.stringify(expected);
    },
    { message: `${message}: rows ${JSON.stringify(expected)} (last seen ${JSON.stringify(last)})` },
  );
}

async function choose(app, testId, value) {
  await (await app.waitForTestId(testId)).selectByAttribute("value", value);
}

/** Texts of every element with this test id, in document order. */
async function texts(app, testId) {
  return app.session.execute(
    (id) =>
      [...document.querySelectorAll(`[data-testid="${id}"]`)].map((element) => element.textContent),
    testId,
  );
}

/** The message under a form field (its aria-describedby target). */
async function fieldMessage(app, field) {
  return app.session.execute((id) => {
    const input = document.querySelector(`[data-testid="field-${id}"]`);
    const message = input && document.getElementById(input.getAttribute("aria-describedby") ?? "");
    return message ? message.textContent : null;
  }, field);
}

/** A demo workspace made by the real CLI in the shared app's data dir. */
function demoWorkspace(name, assets, seed) {
  return sharedWorkspace(name, (cli) =>
    cli("demo", "--assets", String(assets), "--seed", String(seed)),
  );
}

const demo = demoWorkspace("데모-데이터센터", 2000, 7);
const large = demoWorkspace("대용량", 50000, 3);

function tempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

test(
  "register, find, edit and see the history of an asset; it survives a restart; English",
  { timeout: 300_000 },
  async (t) => {
    const app = await startApp();
    t.after(() => app.close());

    // First run: nothing yet, and the screen says what to do - and asks who the user is
    // first (the app's own name is never the author), before anything is created.
    await app.waitForTestId("first-run");
    assert.match(await app.text("offline-indicator"), /로컬 저장소 · 오프라인 작동/);
    assert.equal(await (await app.byTestId("profile-button")).getAttribute("title"), "이름 설정");
    await app.screenshot("first-run");
    await app.click("first-run-create");
    await app.waitForText("first-run", /이름을 입력하세요\. 변경 이력에 작성자로 남습니다\./);
    await app.type("first-run-name", "김민준");
    await app.click("first-run-create");
    await app.type("workspace-name-input", "평택 1센터");
    await app.click("workspace-create-submit");
    await app.waitForTestId("assets-empty");
    assert.equal(await app.text("workspace-current"), "평택 1센터");
    assert.equal(
      await (await app.byTestId("profile-button")).getAttribute("aria-label"),
      "내 프로필: 김민준",
    );

    // Register, with a unit out of range first: the form says so, in Korean, under the field.
    await app.click("new-asset");
    await app.type("field-asset_tag", "PT1-SRV-0001");
    await choose(app, "field-asset_type", "server");
    await choose(app, "field-status", "in_use");
    await app.type("field-manufacturer", "Dell");
    await app.type("field-model", "PowerEdge R750");
    await app.type("field-serial", "CN7XK2301");
    await app.type("field-purchase_date", "2024-03-01");
    await app.type("field-cost", "12,500,000");
    await app.type("field-warranty_end", "2029-02-28");
    // (A new workspace has no places yet: its location is picked in locations.test.mjs.)
    await app.type("field-unit", "99");
    await app.type("field-owner", "김민준");
    await app.type("field-tags", "gpu, 1차 구축");
    await app.click("save-asset");
    await app.waitForText("form-error", "저장하지 못했습니다. 표시된 1개 항목을 확인하세요.");
    assert.equal(await fieldMessage(app, "unit"), "유닛은 1에서 60 사이여야 합니다: 99");

    await app.click("field-unit");
    await app.session.keys(["Control", "a"]);
    await app.session.keys("Backspace");
    await app.click("save-asset");
    await app.waitForText("toast", "저장됨");
    await app.waitForText("detail-asset-tag", "PT1-SRV-0001");
    assert.match(await app.text("detail-cost"), /12,500,000 KRW/);

    // A second asset, by keyboard only: N opens the form, Ctrl+Enter saves.
    await app.click("detail-close");
    await app.session.keys("n");
    await app.waitForTestId("asset-form");
    await app.type("field-asset_tag", "PT1-SW-0001");
    await choose(app, "field-asset_type", "switch");
    await app.type("field-model", "Arista 7050X3");
    await app.session.keys(["Control", "Enter"]);
    await app.waitForText("detail-asset-tag", "PT1-SW-0001");
    await app.waitForText("asset-count", "총 2개");

    // Search finds it by a word of its model.
    await app.type("search-input", "R750");
    await waitForRows(app, ["PT1-SRV-0001"], "search for R750");
    await app.waitForText("asset-count", "총 1개");

    // Edit the model; the history shows who changed it, from what, to what.
    await app.click("asset-row");
    await app.waitForText("detail-asset-tag", "PT1-SRV-0001");
    await app.click("edit-asset");
    await app.type("field-model", "PowerEdge R760");
    await app.click("save-asset");
    await app.waitForText("toast", "저장됨");
    await app.waitFor(async () => (await texts(app, "history-entry")).length === 2, {
      message: "two history entries",
    });
    const [edit, register] = await texts(app, "history-entry");
    assert.match(edit, /수정/);
    assert.match(edit, /모델:\s*PowerEdge R750\s*→\s*PowerEdge R760/);
    assert.match(register, /등록/);

    // The list was invalidated by the edit: "R750" no longer matches anything.
    await app.waitForTestId("assets-no-match");
    await app.type("search-input", "R760");
    await waitForRows(app, ["PT1-SRV-0001"], "search for R760");

    // Restart on the same data dir: the workspace opens again and the asset is still there.
    await app.restart();
    await app.waitForText("workspace-current", "평택 1센터");
    await app.waitForText("asset-count", "총 2개");
    await app.type("search-input", "PT1-SRV-0001");
    await waitForRows(app, ["PT1-SRV-0001"], "search after restart");
    await app.click("asset-row");
    await app.waitFor(async () => (await texts(app, "history-entry")).length === 2, {
      message: "history after restart",
    });
    assert.match(
      (await texts(app, "history-entry"))[0],
      /모델:\s*PowerEdge R750\s*→\s*PowerEdge R760/,
    );

    // English: labels, counts, history; and the choice outlives a restart.
    await app.click("language-en");
    await app.waitForText("nav-assets", "Assets");
    await app.waitForText("asset-count", "1 asset");
    assert.equal(await app.text("sort-asset_tag"), "Asset tag");
    assert.match(await app.text("offline-indicator"), /Local store · works offline/);
    assert.match(
      (await texts(app, "history-entry"))[0],
      /Edited[\s\S]*Model:\s*PowerEdge R750\s*→\s*PowerEdge R760/,
    );
    await app.screenshot("asset-detail-english");
    await app.restart();
    await app.waitForText("nav-assets", "Assets");
    await app.waitForText("asset-count", "2 assets");
  },
);

test(
  "demo data: list, detail with history, form errors, import preview, import and export",
  { timeout: 300_000 },
  async (t) => {
    const app = await demo.open();

    await app.waitForText("asset-count", "총 2,000개");
    await app.waitForText("workspace-current", "데모-데이터센터");
    await app.click("sort-asset_tag");
    await app.waitFor(async () => (await rowTags(app)).length > 10, { message: "rows" });
    await app.screenshot("assets-list");

    // Filter by status: the chip appears and the count drops.
    await app.click("filter-add");
    await choose(app, "filter-field", "status");
    await app.click("filter-option-maintenance");
    await app.click("filter-apply");
    await app.waitForText("filter-chip", "상태: 유지보수");
    const filtered = await app.waitFor(
      async () => {
        const text = await app.text("asset-count");
        return text !== "총 2,000개" && /총 [\d,]+개/.test(text) && text;
      },
      { message: "a filtered count" },
    );
    const statuses = await app.session.execute(() =>
      [...document.querySelectorAll('[data-testid="asset-row"] [data-status]')].map(
        (badge) => badge.dataset.status,
      ),
    );
    assert.ok(
      statuses.length > 0 && statuses.every((status) => status === "maintenance"),
      `statuses ${statuses}`,
    );

    // Detail of the third row, edited twice so the history has something to show.
    const tag = (await rowTags(app))[2];
    await app.session.$(`[data-testid="asset-row"][data-asset-tag="${tag}"]`).click();
    await app.waitForText("detail-asset-tag", tag);
    await app.session.keys("e");
    await app.waitForTestId("asset-form");
    await choose(app, "field-status", "in_use");
    await app.type("field-owner", "박지훈");
    await app.type("field-notes", "2024년 3분기 점검 완료. 전원 모듈 교체.");
    await app.click("save-asset");
    await app.waitForText("toast", "저장됨");
    await app.waitFor(async () => (await texts(app, "history-entry")).length >= 2, {
      message: "history after edit",
    });
    assert.match((await texts(app, "history-entry"))[0], /상태:\s*유지보수\s*→\s*사용 중/);
    await app.session.execute(() =>
      document.querySelector('[data-testid="history"]').scrollIntoView({ block: "end" }),
    );
    // The edited asset left the "maintenance" filter: the list says so.
    await app.waitFor(async () => !(await rowTags(app)).includes(tag), {
      message: "the edited asset to leave the filtered list",
    });
    assert.notEqual(await app.text("asset-count"), filtered);
    await app.screenshot("asset-detail-history");

    // The form with errors: a tag that exists, a date that does not, a negative cost.
    await app.click("filter-chip-remove");
    await app.waitForText("asset-count", "총 2,000개");
    await app.session.keys("n");
    await app.waitForTestId("asset-form");
    await app.type("field-asset_tag", tag);
    await app.type("field-model", "PowerEdge R760");
    await app.type("field-purchase_date", "2024-02-30");
    await app.type("field-cost", "-5");
    await app.click("save-asset");
    // Every problem is reported at once, the taken tag included; the banner names the tag.
    await app.waitForText(
      "form-error",
      // The particle the tag takes (…24 reads 이십사: 는), never 은(는).
      new RegExp(`자산 태그 ${tag}는 이미 등록되어 있습니다`),
    );
    assert.equal(
      await fieldMessage(app, "purchase_date"),
      "날짜 형식이 아닙니다: 2024-02-30 (YYYY-MM-DD)",
    );
    assert.equal(await fieldMessage(app, "cost"), "비용은 0 이상이어야 합니다: -5");
    assert.equal(
      await fieldMessage(app, "asset_tag"),
      `이미 다른 자산이 쓰고 있는 태그입니다: ${tag}`,
    );
    await app.screenshot("asset-form-error");
    // With the values fixed, the taken tag is the one problem left.
    await app.type("field-purchase_date", "2024-02-29");
    await app.type("field-cost", "15,200,000");
    await app.click("save-asset");
    await app.waitFor(async () => (await fieldMessage(app, "cost")) === null, {
      message: "the cost error to clear",
    });
    assert.equal(
      await fieldMessage(app, "asset_tag"),
      `이미 다른 자산이 쓰고 있는 태그입니다: ${tag}`,
    );
    // Escape on an edited form asks first; 계속 고치기 keeps it, 버리고 닫기 closes it.
    await app.session.keys("Escape");
    await app.waitForText("discard-confirm", /고친 내용을 버릴까요\?/);
    await app.click("discard-keep");
    await app.waitFor(async () => !(await (await app.byTestId("discard-confirm")).isExisting()), {
      message: "the question to go, the form kept",
    });
    assert.equal(
      await fieldMessage(app, "asset_tag"),
      `이미 다른 자산이 쓰고 있는 태그입니다: ${tag}`,
    );
    await app.session.keys("Escape");
    await app.click("discard-confirm-button");
    await app.waitFor(async () => !(await (await app.byTestId("asset-form")).isExisting()), {
      message: "the form to close",
    });

    // Import: a file with errors is previewed and refused; a clean one is imported.
    const csvDir = tempDir("cloudwright-csv-");
    t.after(() => fs.rmSync(csvDir, { recursive: true, force: true }));
    const badCsv = path.join(csvDir, "입고-2차.csv");
    fs.writeFileSync(
      badCsv,
      [
        "자산 태그,유형,제조사,모델,상태,구매일,비용,통화,사이트,전산실,랙,유닛",
        'NEW-SRV-0001,서버,Dell,PowerEdge R760,재고,2024-05-02,"15,200,000",KRW,평택 1센터,2층 전산실,R04-01,10',
        'NEW-SRV-0002,서버,Dell,PowerEdge R760,재고,2024-05-02,"15,200,000",KRW,평택 1센터,2층 전산실,R04-01,12',
        `${tag},서버,Dell,PowerEdge R760,재고,2024-05-02,,,평택 1센터,2층 전산실,R04-01,14`,
        "NEW-SW-0001,스위치,Arista,7050X3,설치중,2024-13-01,,,평택 1센터,2층 전산실,R04-02,40",
        "NEW-PDU-0001,분전반(PDU),APC,AP8868,재고,2024-05-02,,,평택 1센터,2층 전산실,R04-02,99",
      ].join("\n"),
    );
    await app.session.keys("i");
    await app.waitForTestId("import-dialog");
    await (await app.byTestId("import-file")).setValue(badCsv);
    await app.waitForText("import-total", "전체 5행");
    assert.equal(await app.text("import-error-rows"), "오류 3행");
    assert.equal(await (await app.byTestId("import-apply")).isEnabled(), false);
    const rejected = await texts(app, "import-rejected-row");
    assert.equal(rejected.length, 3);
    assert.match(rejected[0], /4행[\s\S]*이미 다른 자산이 쓰고 있는 태그입니다/);
    assert.match(rejected[1], /^5행/);
    assert.match(rejected[1], /알 수 없는 상태입니다: 설치중/);
    assert.match(rejected[1], /날짜 형식이 아닙니다: 2024-13-01/);
    assert.match(rejected[2], /6행[\s\S]*유닛은 1에서 60 사이여야 합니다: 99/);
    await app.screenshot("import-preview");

    const goodCsv = path.join(csvDir, "입고-2차-수정.csv");
    fs.writeFileSync(
      goodCsv,
      fs
        .readFileSync(badCsv, "utf8")
        .split("\n")
        .filter((line, index) => index < 3)
        .join("\n"),
    );
    await (await app.byTestId("import-file")).setValue(goodCsv);
    await app.waitForText("import-total", "전체 2행");
    await app.waitFor(async () => (await app.byTestId("import-apply")).isEnabled(), {
      message: "import to be allowed",
    });
    await app.click("import-apply");
    await app.waitForText("toast", "자산 2개를 가져왔습니다");
    await app.waitForText("asset-count", "총 2,002개");

    // Export the current search into Downloads (the harness keeps it in the run dir).
    const downloads = app.downloadDir;
    await app.type("search-input", "NEW-SRV");
    await waitForRows(app, ["NEW-SRV-0001", "NEW-SRV-0002"], "imported rows");
    await app.click("export-button");
    const toast = await app.waitForText("toast", /자산 2개를 내보냈습니다: /);
    const exported = toast.slice(toast.indexOf(": ") + 2).trim();
    assert.ok(exported.startsWith(downloads), `${exported} is in ${downloads}`);
    const csv = fs.readFileSync(exported, "utf8");
    assert.equal(csv.trim().split("\n").length, 3);
    assert.match(csv, /NEW-SRV-0002/);
  },
);

test("50,000 assets: scrolling renders only the visible rows", { timeout: 300_000 }, async (t) => {
  const app = await large.open();
  await app.waitForText("asset-count", "총 50,000개", { timeoutMs: 60_000 });

  // Jump to places far apart: the rows there appear, and the DOM holds only a window of rows.
  for (const target of [25_000, 49_990, 7_777, 0]) {
    const started = Date.now();
    await app.session.execute((index) => {
      const grid = document.querySelector('[data-testid="asset-table"]');
      grid.scrollTop = index * 34;
    }, target);
    const shown = await app.waitFor(
      async () => {
        const indexes = await app.session.execute(() =>
          [...document.querySelectorAll('[data-testid="asset-row"]')].map((row) =>
            Number(row.dataset.index),
          ),
        );
        return indexes.includes(Math.min(target, 49_999)) && indexes;
      },
      { message: `row ${target} to render` },
    );
    const elapsed = Date.now() - started;
    assert.ok(shown.length < 80, `${shown.length} rows in the DOM at ${target}`);
    // Timings are reported, not asserted: figures belong in benchmarks, not in pass/fail.
    t.diagnostic(`jump to row ${target}: ${elapsed} ms, ${shown.length} rows in the DOM`);
  }

  // Continuous scrolling, one step per animation frame for two seconds: measure the frames.
  const frames = await app.session.executeAsync((done) => {
    const grid = document.querySelector('[data-testid="asset-table"]');
    grid.scrollTop = 0;
    const durations = [];
    let last = performance.now();
    const start = last;
    const step = () => {
      const now = performance.now();
      durations.push(now - last);
      last = now;
      grid.scrollTop += 120;
      if (now - start < 2_000) requestAnimationFrame(step);
      else {
        const rendered = document.querySelectorAll('[data-testid="asset-row"]').length;
        done({ durations, rendered, scrollTop: grid.scrollTop });
      }
    };
    requestAnimationFrame(step);
  });
  const sorted = [...frames.durations].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const p95 = sorted[Math.floor(sorted.length * 0.95)];
  t.diagnostic(
    `scrolled ${frames.scrollTop}px in ${frames.durations.length} frames; median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms; ${frames.rendered} rows in the DOM`,
  );
  assert.ok(frames.rendered < 80, `${frames.rendered} rows in the DOM`);
  assert.ok(frames.scrollTop > 0, "the list scrolled");
});
