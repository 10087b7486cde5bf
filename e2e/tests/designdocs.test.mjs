// Design documents in the real window (issue 20), at 1280×800, in Korean: 김민준 adds a
// document and uploads a many-page PDF in Korean (the rack elevation pack the CLI prints of
// the demo's racks) through the file picker; it is drawn by pdf.js; he asks 이서연 and 박지훈 to
// review it (all must approve). 이서연 approves; 박지훈 turns on comment mode, clicks a spot
// on page 2 (the pin is drawn there) and asks for changes. 김민준 uploads version 2: the
// review continues on it, 이서연's approval of v1 is shown stale and 박지훈's pinned comment
// is carried forward as made on v1. Both approve v2: it is approved and locked, and its
// review record (검토 결과서) is saved as a PDF.
// The workspace has no team, so people are their profile names and decisions are unsigned
// (the signed path is core's and the CLI's tests, through a real server).
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { sharedWorkspace } from "../sharedApp.mjs";

const name = "설계-문서-검토";
const folder = fs.mkdtempSync(path.join(os.tmpdir(), "cloudwright-designdocs-"));
const firstPdf = path.join(folder, "전력계통도-v1.pdf");
const secondPdf = path.join(folder, "전력계통도-v2.pdf");

const workspace = sharedWorkspace(name, (cli) => {
  cli("workspace", "create", name);
  cli("demo", "--assets", "60", "--racks", "3");
  // One page per rack, in Korean (and v2 in English).
  cli("report", "racks", "--pdf", firstPdf);
  cli("report", "racks", "--pdf", secondPdf, "--lang", "en");
});

/** The shared app at 1280×800 as 김민준, the profile and window size put back after. */
async function start(t) {
  const app = await workspace.open();
  const size = await app.session.getWindowSize();
  await app.session.setWindowSize(1280, 800);
  const before = (await app.invoke("app_state", {})).profile;
  t.after(async () => {
    if (before !== null) {
      await app.invoke("set_profile", { name: before.name, initials: before.initials });
    }
    await app.session.setWindowSize(size.width, size.height);
  });
  await become(app, "김민준");
  return app;
}

/** Acts as `person` from now on (the profile every write is stamped with). */
async function become(app, person) {
  await app.invoke("set_profile", { name: person, initials: "" });
  await app.waitFor(async () => (await app.invoke("app_state", {})).profile?.name === person, {
    message: `the profile to be ${person}`,
  });
}

/** Closes every toast, as a person would before reaching the buttons under them. */
async function dismissToasts(app) {
  await app.session.execute(() =>
    document
      .querySelectorAll('[data-testid="toast"] button.icon-btn')
      .forEach((button) => button.click()),
  );
}

async function press(app, testId) {
  await dismissToasts(app);
  await app.click(testId);
}

async function attribute(app, selector, name) {
  return app.session.execute(
    (selector, name) => document.querySelector(selector)?.getAttribute(name) ?? null,
    selector,
    name,
  );
}

async function uploadVersion(app, file, note) {
  await press(app, "designdoc-upload");
  await (await app.waitForTestId("designdoc-upload-file")).setValue(file);
  await app.type("designdoc-upload-note", note);
  await press(app, "designdoc-upload-send");
  await app.waitFor(
    () => app.session.execute(() => document.querySelector('[role="dialog"]') === null),
    { message: "the upload dialog closed" },
  );
}

async function waitForPageDrawn(app, page) {
  await app.waitFor(
    async () =>
      (await attribute(
        app,
        `[data-testid="designdoc-page"][data-page="${page}"]`,
        "data-drawn",
      )) === "yes",
    { message: `page ${page} drawn by pdf.js` },
  );
}

async function decide(app, button, comment) {
  await app.type("designdoc-decide-comment", comment);
  await press(app, button);
  // The form is emptied once the decision is recorded (or gone, once the review ended).
  await app.waitFor(
    () =>
      app.session.execute(() => {
        const field = document.querySelector('[data-testid="designdoc-decide-comment"]');
        return field === null || field.value === "";
      }),
    { message: `${button} recorded` },
  );
}

test("a PDF is reviewed by two people, a pinned comment asks for changes, v2 is approved and locked", async (t) => {
  const app = await start(t);
  await press(app, "nav-designdocs");
  const empty = await app.waitForTestId("designdocs-empty");
  assert.match(await empty.getText(), /첫 버전 파일을 올린 뒤 검토를 요청하세요/);

  // The document, through its dialog (N).
  await app.session.keys(["n"]);
  await app.type("designdoc-new-title", "전력 계통도");
  await (await app.byTestId("designdoc-new-kind")).selectByAttribute("value", "power_cooling");
  await press(app, "designdoc-new-save");
  await app.waitForTestId("designdoc-no-version");

  // Version 1 through the file picker, drawn by pdf.js, the first page at once.
  await uploadVersion(app, firstPdf, "초안");
  await app.waitForText("designdoc-state", "초안");
  await waitForPageDrawn(app, 1);
  // One page per rack of the demo (its own rooms and the three added).
  assert.ok(Number(await attribute(app, '[data-testid="designdoc-pdf"]', "data-pages")) >= 3);
  const v1 = await app.session.$('[data-testid="designdoc-version"][data-number="1"]');
  assert.match(await v1.getText(), /현재/);
  assert.match(await v1.getText(), /김민준/);

  // A review by 이서연 and 박지훈, both to approve.
  await press(app, "designdoc-review-request");
  await app.type("designdoc-review-names", "이서연, 박지훈");
  await press(app, "designdoc-review-send");
  await app.waitForText("designdoc-state", "검토 중");
  assert.match(await app.text("designdoc-waiting"), /이서연, 박지훈/);

  // 이서연 approves.
  await become(app, "이서연");
  await decide(app, "designdoc-approve", "UPS 용량 확인했습니다");
  await app.waitFor(
    async () => (await app.session.$$('[data-testid="designdoc-decision"]')).length === 1,
    { message: "이서연's approval listed" },
  );

  // 박지훈 pins a comment on page 2 and asks for changes.
  await become(app, "박지훈");
  await press(app, "designdoc-comment-mode");
  const page2 = await app.session.$('[data-testid="designdoc-page"][data-page="2"]');
  await page2.scrollIntoView();
  await waitForPageDrawn(app, 2);
  // A spot a quarter across page 2 and 40 px below the top of its part in view, clicked
  // where it is on the screen (the page is taller than the preview's pane).
  const spot = await app.session.execute(() => {
    const page = document.querySelector('[data-testid="designdoc-page"][data-page="2"]');
    const pane = document.querySelector('[data-testid="designdoc-preview"]');
    const box = page.getBoundingClientRect();
    const view = pane.getBoundingClientRect();
    const x = Math.round(box.left + box.width / 4);
    const y = Math.round(Math.max(box.top, view.top) + 40);
    return { x, y, fx: (x - box.left) / box.width, fy: (y - box.top) / box.height };
  });
  await app.session
    .action("pointer")
    .move({ x: spot.x, y: spot.y, origin: "viewport" })
    .down()
    .up()
    .perform();
  await app.type("designdoc-comment-text", "2쪽 차단기 용량이 부족합니다");
  await press(app, "designdoc-comment-send");
  const pin = await app.waitForTestId("designdoc-pin");
  assert.equal(await pin.getAttribute("data-page"), "2");
  const placed = await app.session.execute(() => {
    const spot = document.querySelector('[data-testid="designdoc-pin"]');
    return { left: spot.style.left, top: spot.style.top };
  });
  assert.ok(
    Math.abs(parseFloat(placed.left) / 100 - spot.fx) < 0.005,
    JSON.stringify({ placed, spot }),
  );
  assert.ok(
    Math.abs(parseFloat(placed.top) / 100 - spot.fy) < 0.005,
    JSON.stringify({ placed, spot }),
  );
  assert.match(await app.text("designdoc-thread"), /2쪽에 고정/);
  await press(app, "designdoc-comment-mode");
  await decide(app, "designdoc-changes", "차단기 용량을 고쳐 주세요");
  await app.waitForText("designdoc-state", "수정 요청");

  // 김민준 uploads version 2: the approval of v1 is stale, the comment carried as made on v1.
  await become(app, "김민준");
  await uploadVersion(app, secondPdf, "차단기 용량 수정");
  await app.waitFor(
    async () =>
      (await attribute(
        app,
        '[data-testid="designdoc-version"][data-current="yes"]',
        "data-number",
      )) === "2",
    { message: "v2 current" },
  );
  await app.waitForText("designdoc-state", "검토 중");
  const stale = await app.waitForTestId("designdoc-stale");
  assert.match(await stale.getText(), /이전 버전 v1에 대한 결정/);
  assert.match(await app.text("designdoc-made-on"), /v1에서 작성/);

  // Both approve v2: approved, locked.
  await become(app, "이서연");
  await decide(app, "designdoc-approve", "승인합니다");
  await become(app, "박지훈");
  await decide(app, "designdoc-approve", "반영 확인");
  await app.waitForText("designdoc-state", "승인됨 (잠김)");
  assert.match(await app.text("designdoc-locked"), /잠긴 버전/);
  assert.equal(await app.session.$('[data-testid="designdoc-review-request"]').isExisting(), false);
  assert.equal(await app.session.$('[data-testid="designdoc-decide"]').isExisting(), false);
  await app.screenshot("designdocs-approved");

  // The approved version's review record (검토 결과서) is printed and saved.
  await dismissToasts(app);
  await press(app, "designdoc-record");
  const saved = await app.waitFor(
    async () => {
      const toasts = await app.session.execute(() =>
        [...document.querySelectorAll('[data-testid="toast"]')].map((toast) => toast.textContent),
      );
      return toasts.find((text) => text.includes("검토 결과서를 저장했습니다"));
    },
    { message: "the review record saved" },
  );
  const recordPath = saved.slice(saved.indexOf(": ") + 2).trim();
  assert.equal(fs.readFileSync(recordPath).subarray(0, 5).toString(), "%PDF-");
});

const textWorkspace = sharedWorkspace("design-docs-text", (cli) => {
  cli("workspace", "create", "design-docs-text");
  const v1 = path.join(folder, "core-network.yaml");
  const v2 = path.join(folder, "core-network-v2.yaml");
  const lines = Array.from({ length: 40 }, (_, at) => `switch-${at + 1}: { uplinks: 2 }`);
  fs.writeFileSync(v1, `${lines.join("\n")}\n`);
  lines[19] = "switch-20: { uplinks: 4 }";
  lines.push("switch-41: { uplinks: 2 }");
  fs.writeFileSync(v2, `${lines.join("\n")}\n`);
  cli("doc", "add", "--title", "Core network", "--kind", "network", "--file", v1);
  cli("doc", "version", "Core network", v2, "--note", "more uplinks");
});

test("at 1280×800 in Korean and English a YAML document's two versions are compared without scrolling sideways", async (t) => {
  const app = await textWorkspace.open();
  const size = await app.session.getWindowSize();
  await app.session.setWindowSize(1280, 800);
  t.after(() => app.session.setWindowSize(size.width, size.height));
  await app.waitFor(async () => (await app.session.execute(() => window.innerWidth)) === 1280, {
    message: "the page 1280 px wide",
  });
  const expected = {
    ko: { nav: "설계 문서", counts: "추가 1 · 삭제 0 · 변경 1" },
    en: { nav: "Design documents", counts: "1 added · 0 removed · 1 changed" },
  };
  for (const language of ["ko", "en"]) {
    if (language === "en") {
      await (await app.waitForTestId("language-en")).click();
    }
    await app.waitForText("nav-designdocs", expected[language].nav);
    await press(app, "nav-designdocs");
    // Opened from the keyboard: ↓ to the row, Enter.
    await app.waitForTestId("designdoc-row");
    await app.session.keys(["ArrowDown"]);
    await app.session.keys(["Enter"]);
    await app.waitForText("designdoc-diff-counts", expected[language].counts);
    const changed = await app.session.execute(() =>
      [...document.querySelectorAll('[data-testid="designdoc-diff-row"][data-kind="changed"]')].map(
        (row) => row.textContent,
      ),
    );
    assert.deepEqual(changed, ["20switch-20: { uplinks: 2 }20switch-20: { uplinks: 4 }"]);
    const page = await app.session.execute(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      detail: document.querySelector('[data-testid="designdoc-detail"]').scrollWidth,
      detailWidth: document.querySelector('[data-testid="designdoc-detail"]').clientWidth,
    }));
    assert.ok(page.scrollWidth <= page.innerWidth, `${language}: ${JSON.stringify(page)}`);
    assert.ok(page.detail <= page.detailWidth, `${language}: ${JSON.stringify(page)}`);
    await app.screenshot(`designdocs-diff-${language}`);
    await app.session.keys("Escape");
    await app.waitForTestId("designdoc-row");
  }
});
