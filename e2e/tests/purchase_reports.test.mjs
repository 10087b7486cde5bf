// Purchasing's report in the real window (issue 19), at 1280×800: a workspace the CLI filled
// with `demo --purchases 60` (requests at every stage over the last 400 days, orders among
// them). The 보고서 tab asks for 1 January → today; typed from two years ago to the end of next year, it shows
// spend by vendor with the demo's vendors and won amounts, the four cycle times and budget
// use; the page does not overflow sideways; Save CSV writes the report (Excel's mark, the
// header, a vendor section) and Save PDF a Korean PDF whose text names the report's tables; in English the tables
// and the PDF are in English.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { test } from "node:test";
import { sharedWorkspace } from "../sharedApp.mjs";

const workspace = sharedWorkspace("구매-보고서", (cli) =>
  cli("demo", "--assets", "10", "--purchases", "60", "--seed", "4"),
);

/** The path of the first saved file of `extension` a toast names. */
function savedPath(app, extension) {
  return app.waitFor(
    () =>
      app.session.execute(
        (ext) =>
          [...document.querySelectorAll(".toast-message")]
            .map((el) => el.textContent.match(new RegExp(`(/\\S+\\.${ext})`))?.[1])
            .find((found) => found !== undefined) ?? false,
        extension,
      ),
    { message: `a toast naming the saved ${extension}` },
  );
}

test(
  "the purchasing report over two years shows spend, cycle times and budget use, and saves CSV and PDF",
  { timeout: 300_000 },
  async (t) => {
    const app = await workspace.open();
    const size = await app.session.getWindowSize();
    await app.session.setWindowSize(1280, 800);
    t.after(() => app.session.setWindowSize(size.width, size.height));

    await app.click("nav-purchasing");
    await app.waitForTestId("requests-tab");
    await app.click("purchasing-tabs-reports");
    await app.waitForTestId("preport-tab");
    const year = new Date().getFullYear();
    assert.equal(await (await app.byTestId("preport-from")).getValue(), `${year}-01-01`);

    await app.type("preport-from", `${year - 2}-01-01`);
    // Into next year too: the demo's budget lines are 2027's (purchasing/demo.rs).
    await app.type("preport-until", `${year + 1}-12-31`);
    // The report of the typed period: its summary names it, its vendors have spend in won.
    await app.waitFor(
      () =>
        app.session.execute(
          (from) =>
            (document.querySelector('[data-testid="preport-summary"]')?.textContent ?? "").includes(
              from,
            ) && document.querySelectorAll('[data-testid="preport-spend-row"]').length > 0,
          `${year - 2}-01-01`,
        ),
      { message: "the report of the typed period, with spend rows" },
    );
    assert.match(await app.text("preport-by-vendor"), /\d{1,3}(,\d{3})+ KRW/);
    const cycles = await app.session.$$('[data-testid="preport-cycle-row"]');
    assert.equal(cycles.length, 4);
    assert.match(await cycles[0].getText(), /제출 → 승인/);
    assert.ok((await app.session.$$('[data-testid="preport-budget-row"]')).length > 0);
    const overflow = await app.session.execute(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.ok(overflow <= 0, `the page overflows sideways by ${overflow}px`);
    await app.screenshot("purchasing-reports-ko");

    await app.click("preport-csv");
    const csvPath = await savedPath(app, "csv");
    const csv = fs.readFileSync(csvPath, "utf8");
    assert.ok(csv.startsWith("\uFEFFsection,key,name,ordered_krw"), csv.slice(0, 80));
    assert.match(csv, /\nvendor,/);
    assert.match(csv, /\ncycle,submitted_to_approved,/);

    await app.click("preport-pdf");
    const pdfPath = await savedPath(app, "pdf");
    const pdfText = spawnSync("pdftotext", ["-layout", pdfPath, "-"], { encoding: "utf8" }).stdout;
    assert.match(pdfText, /발주 합계/);
    assert.match(pdfText, new RegExp(`${year - 2}-01-01`));

    // In English: the same period and tables in English, and the PDF in English.
    await (await app.waitForTestId("language-en")).click();
    await app.waitForText("purchasing-tabs-reports", "Reports");
    assert.match(await app.text("preport-by-vendor"), /Spend by vendor/);
    assert.match(await app.text("preport-cycle"), /Submitted → approved/);
    assert.equal(await (await app.byTestId("preport-from")).getValue(), `${year - 2}-01-01`);
    const overflowEn = await app.session.execute(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.ok(overflowEn <= 0, `the English page overflows sideways by ${overflowEn}px`);
    await app.screenshot("purchasing-reports-en");
    const before = pdfPath;
    await app.click("preport-pdf");
    const englishPdf = await app.waitFor(
      () =>
        app.session.execute(
          (previous) =>
            [...document.querySelectorAll(".toast-message")]
              .map((el) => el.textContent.match(/(\/\S+\.pdf)/)?.[1])
              .find((found) => found !== undefined && found !== previous) ?? false,
          before,
        ),
      { message: "a toast naming the English PDF" },
    );
    const englishText = spawnSync("pdftotext", ["-layout", englishPdf, "-"], {
      encoding: "utf8",
    }).stdout;
    assert.match(englishText, /Ordered in all/);
  },
);
