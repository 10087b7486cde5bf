// Purchasing's vendors in the real window (issue 19), at 1280×800: from the empty state a
// vendor is added through the dialog; a business registration number whose check digit does
// not hold (220-81-62518) is refused under its own field and nothing is written, then the
// valid 220-81-62517 (the National Tax Service's rule, purchasing/business_number.rs) is
// taken; the vendor is in the list with its number, a contract file is kept with it, and the
// global search (Ctrl K) finds it by the number typed without hyphens and opens it. In
// English the same refusal reads in English at the field.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { sharedWorkspace } from "../sharedApp.mjs";

const workspace = sharedWorkspace("구매-공급업체");

/** The vendor dialog's business number field's words under it (empty when none). */
function numberFieldText(app) {
  return app.session.execute(
    () =>
      document.querySelector('[data-testid="vendor-field-business_number-wrap"] .field-error')
        ?.textContent ?? "",
  );
}

async function vendorRows(app) {
  return app.session.execute(() =>
    [...document.querySelectorAll('[data-testid="vendor-row"]')].map((row) => ({
      name: row.dataset.name,
      number: row.dataset.number,
    })),
  );
}

test(
  "a vendor with a bad business number is refused at its field, the valid one is added, listed, keeps a contract file and is found by the global search",
  { timeout: 300_000 },
  async (t) => {
    const app = await workspace.open();
    const size = await app.session.getWindowSize();
    await app.session.setWindowSize(1280, 800);
    t.after(() => app.session.setWindowSize(size.width, size.height));

    await app.click("nav-purchasing");
    // Requests come first; vendors are the next tab.
    await app.waitForTestId("requests-tab");
    await app.click("purchasing-tabs-vendors");
    const empty = await app.waitForTestId("vendors-empty");
    assert.match(await empty.getText(), /아직 공급업체가 없습니다/);

    await app.click("vendor-add");
    await app.waitForTestId("vendor-dialog");
    await app.type("vendor-field-name", "(주)한빛시스템");
    await app.type("vendor-field-business_number", "220-81-62518");
    await app.type("vendor-field-categories", "서버, 네트워크");
    await (await app.session.$('[data-testid="vendor-contact-name"]')).setValue("박지훈");
    await (
      await app.session.$('[data-testid="vendor-contact-email"]')
    ).setValue("jihoon.park@example.co.kr");
    await app.click("vendor-save");
    await app.waitFor(
      async () =>
        (await numberFieldText(app)).includes(
          "사업자등록번호가 올바르지 않습니다 (검증 숫자가 맞지 않음)",
        ),
      { message: "the check digit refusal under the business number" },
    );
    await app.screenshot("purchasing-vendor-refused-ko");
    // Refused: the dialog stays with what was typed, and no vendor was written.
    assert.equal(await (await app.byTestId("vendor-field-name")).getValue(), "(주)한빛시스템");
    const listed = await app.invoke("vendor_list", {
      query: { text: "", category: null, offset: 0, limit: 0 },
    });
    assert.equal(listed.all, 0);

    await app.type("vendor-field-business_number", "2208162517");
    await app.click("vendor-save");
    await app.waitFor(async () => !(await (await app.byTestId("vendor-dialog")).isExisting()), {
      message: "the dialog closed after saving",
    });
    await app.waitFor(async () => (await vendorRows(app)).length === 1, {
      message: "one vendor in the list",
    });
    assert.deepEqual(await vendorRows(app), [{ name: "(주)한빛시스템", number: "220-81-62517" }]);
    const detail = await app.waitForTestId("vendor-detail");
    assert.equal(await detail.getAttribute("data-name"), "(주)한빛시스템");
    assert.match(await app.text("vendor-detail-contacts"), /박지훈/);

    // A contract kept with the vendor: picked as a user picks it, listed with its kind.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vendor-file-"));
    const contract = path.join(dir, "단가계약서.pdf");
    fs.writeFileSync(contract, "%PDF-1.4 2026 서버 단가 계약");
    await (await app.session.$('[data-testid="vendor-file-input"]')).setValue(contract);
    const file = await app.waitFor(
      async () => {
        const row = await app.session.$('[data-testid="vendor-file"]');
        return (await row.isExisting()) && row;
      },
      { message: "the contract listed" },
    );
    assert.equal(await file.getAttribute("data-name"), "단가계약서.pdf");
    assert.match(await file.getText(), /계약서/);
    await app.screenshot("purchasing-vendors-ko");

    // Ctrl K from another screen: the number without hyphens finds the vendor; Enter opens it.
    await app.click("nav-assets");
    await app.session.keys(["Control", "k"]);
    await app.waitForTestId("search-palette-input");
    await app.type("search-palette-input", "2208162517");
    await app.waitFor(
      async () =>
        (await (await app.waitForTestId("search-hit")).getAttribute("data-record"))?.startsWith(
          "vendor/",
        ),
      { message: "the search's first hit is the vendor" },
    );
    assert.match(await app.text("search-hit"), /공급업체\s*\(주\)한빛시스템/);
    await app.session.keys("Enter");
    await app.waitFor(
      async () =>
        (await (await app.waitForTestId("vendor-detail")).getAttribute("data-name")) ===
        "(주)한빛시스템",
      { message: "the vendor opened on the purchasing screen" },
    );
    assert.equal(await (await app.byTestId("nav-purchasing")).getAttribute("aria-current"), "page");

    // In English, the same refusal in English at the field.
    await (await app.waitForTestId("language-en")).click();
    await app.waitForText("nav-purchasing", "Purchasing");
    await app.click("vendor-add");
    await app.waitForTestId("vendor-dialog");
    await app.type("vendor-field-name", "Nuri Networks");
    await app.type("vendor-field-business_number", "124-81-00999");
    await app.click("vendor-save");
    await app.waitFor(
      async () =>
        (await numberFieldText(app)).includes(
          "Not a valid business registration number (its check digit does not match)",
        ),
      { message: "the refusal in English under the business number" },
    );
    await app.screenshot("purchasing-vendor-refused-en");
    await app.session.keys("Escape");
    await app.waitForTestId("discard-confirm");
    await app.click("discard-confirm-button");
  },
);

const requests = sharedWorkspace("구매-요청", (cli) => {
  cli("workspace", "create", "구매-요청");
  const year = String(new Date().getFullYear());
  cli(
    "budget",
    "add",
    "--year",
    year,
    "--line",
    "인프라 증설",
    "--kind",
    "cost_centre",
    "--amount",
    "40,000,000",
    "--policy",
    "warn",
  );
  cli("approval-rule", "add", "--name", "기본 결재", "--step", "approve:이서연");
  return { budget: `${year} 인프라 증설` };
});

test(
  "a purchase request with a needed-by date in the past is refused at its field; saved, submitted over its budget with the numbers shown, it waits on its approver, and an approval by anyone else is refused with the reason",
  { timeout: 300_000 },
  async (t) => {
    const app = await requests.open();
    const size = await app.session.getWindowSize();
    await app.session.setWindowSize(1280, 800);
    t.after(() => app.session.setWindowSize(size.width, size.height));

    await app.click("nav-purchasing");
    await app.waitForTestId("requests-empty");
    await app.click("request-add");
    await app.waitForTestId("request-dialog");
    await app.type("request-field-title", "A동 증설 서버");
    await app.type("request-field-needed_by", "2020-01-01");
    await (await app.byTestId("request-field-budget")).selectByVisibleText(requests.seeded.budget);
    await app.type("request-line-description", "1U 서버");
    await app.type("request-line-quantity", "4");
    await app.type("request-line-unit_price", "12,000,000");
    await app.click("request-save");
    await app.waitFor(
      async () =>
        /이미 지났습니다/.test(
          await app.session.execute(
            () =>
              document.querySelector('[data-testid="request-field-needed_by-wrap"] .field-error')
                ?.textContent ?? "",
          ),
        ),
      { message: "the past needed-by date refused under its field" },
    );
    await app.screenshot("purchasing-request-refused-ko");

    const year = new Date().getFullYear() + 1;
    await app.type("request-field-needed_by", `${year}-03-01`);
    await app.click("request-save");
    await app.waitFor(async () => !(await (await app.byTestId("request-dialog")).isExisting()), {
      message: "the draft saved",
    });
    const detail = await app.waitForTestId("request-detail");
    assert.equal(await detail.getAttribute("data-status"), "draft");
    assert.match(await app.text("request-total"), /48,000,000/);

    await app.click("request-submit");
    const outcome = await app.waitForTestId("request-budget-outcome");
    assert.equal(await outcome.getAttribute("data-outcome"), "warned");
    assert.match(await outcome.getText(), /잔액 40,000,000 KRW.*요청 후 -8,000,000 KRW/);
    // Submitted: waiting on its approver (in review once a first decision is made).
    await app.waitFor(
      async () =>
        (await (await app.byTestId("request-detail")).getAttribute("data-status")) === "submitted",
      { message: "the request submitted" },
    );
    await app.waitForText("request-waiting-on", "이서연");
    assert.equal(
      await (await app.session.$('[data-testid="request-row"]')).getAttribute("data-status"),
      "submitted",
    );

    await app.click("request-approve");
    let said = "";
    await app.waitFor(
      async () => {
        said = await app.session.execute(
          () =>
            document.querySelector('[data-testid="request-action-problems"]')?.textContent ?? "",
        );
        return /지금은 내 결재 차례가 아닙니다/.test(said);
      },
      { message: () => `an approval out of turn refused (shown: ${JSON.stringify(said)})` },
    );
    await app.screenshot("purchasing-request-ko");
  },
);
