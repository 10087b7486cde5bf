// Floor audit end to end: the real app on a demo workspace made by the real CLI (a row of
// three racks). Start an audit of rack A-R01; scan two tags by typing them with Enter into the
// scan field, as a keyboard-wedge scanner does; mark one missing and one found elsewhere;
// close; apply the corrections; see the records changed, with the audit in their history (and
// through the CLI with the app stopped); restart and find the audit kept. Screenshots for the
// README along the way. The app is the shared one (sharedApp.mjs), on a workspace of its own.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { sharedWorkspace } from "../sharedApp.mjs";

const ENTER = "\uE007";

const workspace = sharedWorkspace("실사-데모", (cli) => {
  cli("demo", "--assets", "200", "--racks", "3", "--seed", "5");
  // Read before the app opens the store (sled allows one process at a time). The register
  // also has an A-R01 in another site: the audit covers this site's room only.
  const rack = JSON.parse(cli("rack", "show", "A-R01", "--json"));
  const inRack = JSON.parse(cli("asset", "list", "--json", "--limit", "1000"))
    .rows.map((row) => row.asset)
    .filter(
      (asset) =>
        asset.location.rack === "A-R01" &&
        asset.location.site === rack.site &&
        asset.location.room === rack.room &&
        asset.status !== "disposed",
    )
    .map((asset) => asset.asset_tag)
    .sort();
  return { inRack, site: rack.site, room: rack.room };
});

async function outcome(app, tag) {
  return app.session.execute(
    (t) => document.querySelector(`[data-testid="audit-outcome-${t}"]`)?.textContent ?? "",
    tag,
  );
}

test(
  "audit a rack: scan with Enter, mark missing and found elsewhere, close, apply, see history",
  { timeout: 300_000 },
  async (t) => {
    const app = await workspace.open();
    const { inRack, site, room } = workspace.seeded;
    assert.ok(inRack.length >= 4, `A-R01 holds register assets: ${inRack}`);
    const [first, second, lost, moved] = inRack;

    await app.click("nav-audits");
    await app.waitForTestId("audits-empty");
    await app.click("audit-start-open");
    await app.type("audit-start-name", "A-R01 분기 실사");
    // The register's own locations are places too (issue 18): the rack demo's room is chosen.
    await (await app.waitForTestId("audit-start-site")).selectByAttribute("value", site);
    await (await app.waitForTestId("audit-start-room")).selectByAttribute("value", room);
    await app.click("audit-rack-A-R01");
    await app.click("audit-start-save");
    await app.waitForText("audit-progress-text", `0 / ${inRack.length} 확인 (0%)`);

    // A scanner types the code and Enter; the field keeps the focus for the next one.
    const field = await app.waitForTestId("audit-scan-input");
    await field.setValue(first + ENTER);
    await app.waitForText("audit-scan-answer", new RegExp(`확인: ${first}`));
    const focused = await app.session.execute(() =>
      document.activeElement?.getAttribute("data-testid"),
    );
    assert.equal(focused, "audit-scan-input");
    await field.setValue(second.toLowerCase() + ENTER);
    await app.waitForText("audit-scan-answer", new RegExp(`확인: ${second}`));
    await field.setValue("NOT-IN-REGISTER" + ENTER);
    await app.waitForText("audit-scan-answer", /등록되지 않은 코드: NOT-IN-REGISTER/);
    await app.waitForText("audit-progress-text", new RegExp(`^2 / ${inRack.length} 확인`));
    await app.screenshot("audit-scan");

    await app.click(`audit-missing-${lost}`);
    await app.waitFor(async () => (await outcome(app, lost)) === "분실", {
      message: `${lost} marked missing`,
    });
    await app.click(`audit-elsewhere-${moved}`);
    await app.waitForTestId("audit-mark-dialog");
    await (await app.waitForTestId("audit-mark-rack")).selectByAttribute("value", "");
    await app.click("audit-mark-save");
    await app.waitFor(async () => (await outcome(app, moved)).startsWith("다른 위치"), {
      message: `${moved} marked found elsewhere`,
    });

    // Open, the items never checked are counted apart from those marked missing.
    const unchecked = inRack.length - 4;
    assert.equal(await app.text("audit-count-missing"), "분실 1");
    if (unchecked > 0) assert.equal(await app.text("audit-count-unchecked"), `미확인 ${unchecked}`);

    // Close: the unchecked ones count as missing; review, then apply in one step.
    await app.click("audit-close");
    await app.waitForText(
      "audit-close-confirm",
      unchecked > 0
        ? new RegExp(`${unchecked}건은 분실로 처리됩니다`)
        : /더 이상 스캔할 수 없습니다/,
    );
    await app.click("audit-close-yes");
    // The counters agree with the review's rows: the unchecked ones are missing now.
    await app.waitForText(
      "audit-count-missing",
      unchecked > 0 ? `분실 ${unchecked + 1} (미확인 ${unchecked} 포함)` : "분실 1",
    );
    await app.waitForTestId(`audit-discrepancy-${lost}`);
    await app.waitForTestId(`audit-discrepancy-${moved}`);
    assert.equal(
      (await app.session.$$('[data-testid^="audit-discrepancy-"]')).length,
      inRack.length - 2,
      "every expected item not found as recorded",
    );
    // At 1280×800: no correction is ticked at first, so nothing is written until the
    // reviewer chooses; applying shows what the chosen ones write, then offers an undo.
    const size = await app.session.getWindowSize();
    await app.session.setWindowSize(1280, 800);
    t.after(() => app.session.setWindowSize(size.width, size.height));
    const ticked = () =>
      app.session.execute(() =>
        [...document.querySelectorAll('[data-testid="audit-choose"]')].map((box) => box.checked),
      );
    const boxes = await ticked();
    assert.equal(boxes.length, inRack.length - 2, "a checkbox per correction");
    assert.ok(
      boxes.every((checked) => !checked),
      "every correction unticked by default",
    );
    assert.equal(await (await app.byTestId("audit-apply")).isEnabled(), false);
    await app.screenshot("audit-discrepancies");
    await app.click("audit-choose-all");
    await app.waitFor(async () => (await ticked()).every((checked) => checked), {
      message: "every correction chosen",
    });
    await app.click("audit-apply");
    await app.waitForText(
      "audit-apply-confirm-summary",
      new RegExp(`고른 정정 ${inRack.length - 2}건을 자산 대장에 씁니다: 분실로 표시`),
    );
    await app.click("audit-apply-confirm-go");
    await app.waitForText(
      "toast",
      new RegExp(`정정 ${inRack.length - 2}건을 자산 대장에 반영했습니다`),
    );

    // The records changed, with the audit in the asset's history.
    await app.click("nav-assets");
    await app.type("search-input", lost);
    await app.waitFor(
      async () => (await app.session.$$('[data-testid="asset-row"]')).length === 1,
      {
        message: `one row for ${lost}`,
      },
    );
    await (await app.session.$('[data-testid="asset-row"]')).click();
    await app.waitFor(
      async () =>
        (await app.session.$$('[data-testid="history-entry"][data-op="audit"]')).length === 1,
      { message: "the audit correction in the history" },
    );
    const entry = await (
      await app.session.$('[data-testid="history-entry"][data-op="audit"]')
    ).getText();
    assert.match(entry, /실사 결과 반영/);
    assert.match(entry, /분실/);

    // The audit's accuracy in the Reports screen, on screen and as a PDF read back.
    await app.click("nav-reports");
    await (await app.waitForTestId("reports-kind")).selectByAttribute("value", "audit_accuracy");
    await app.waitForText("report-title", "실사 정확도");
    const row = await app.text("report-table");
    const exact = Math.round((2 * 1000) / inRack.length) / 10;
    // WebDriver's text of a table runs the cells together: name, closed on, expected,
    // discrepancies, accuracy.
    assert.match(
      row,
      new RegExp(
        `A-R01 분기 실사\\d{4}-\\d{2}-\\d{2}${inRack.length}${inRack.length - 2}${exact.toFixed(1)}`,
      ),
    );
    await app.screenshot("reports-audit-accuracy");
    await app.click("reports-pdf");
    const saved = await app.waitFor(
      () =>
        app.session.execute(
          () =>
            [...document.querySelectorAll(".toast-message")]
              .map((el) => el.textContent.match(/(\/\S+\.pdf)/)?.[1])
              .find((found) => found !== undefined) ?? false,
        ),
      { message: "a toast naming the saved report PDF" },
    );
    const pdfText = spawnSync("pdftotext", ["-layout", saved, "-"], { encoding: "utf8" }).stdout;
    assert.match(pdfText, /실사 정확도/);
    assert.match(pdfText, /A-R01 분기 실사/);

    // Quit: the records as the CLI reads them; then a new app process keeps the audit.
    await workspace.whileStopped(() => {
      const show = (tag) => JSON.parse(workspace.cli("asset", "show", tag, "--json"));
      assert.equal(
        show(moved).asset.asset.location.rack,
        "",
        "found outside the rack: out of A-R01",
      );
      assert.equal(show(moved).history[0].op, "audit");
      assert.equal(show(lost).asset.asset.status, "missing");
      assert.notEqual(show(first).asset.asset.status, "missing", "found as recorded: unchanged");
      assert.notEqual(show(first).history[0].op, "audit");
    });
    await app.click("nav-audits");
    await app.waitForTestId(`audit-discrepancy-${lost}`);
  },
);
