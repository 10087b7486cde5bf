// The whole purchase sequence in the real window (issue 19), at 1280×800. Seeded by the CLI
// with what nobody types in the window: three vendors, a budget, and an approval rule whose
// one 결재 step names 박팀장 (a workspace without a team: people are their profile names).
// Then in the window: 김민준 creates a request for two servers and submits it; the profile
// becomes 박팀장, whose "waiting for me" inbox lists it; 박팀장 approves; quotes are requested
// from the three vendors and entered; the comparison shows the vendors as columns with the
// best price marked; the lowest is selected with a reason and ordered with a promised date;
// the two servers are received by typing their serials into the scan field with Enter (a
// serial typed twice is refused on the spot), and the two new assets are in the asset
// register, each naming its order. A second test opens a request quoted by ten vendors
// (all made through the CLI) at 1280×800 in Korean and English: the comparison scrolls
// sideways inside itself, the line column stays in place, and the page does not overflow.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { test } from "node:test";
import { sharedWorkspace } from "../sharedApp.mjs";

const ENTER = "\uE007";
const name = "구매-전체-흐름";
const year = new Date().getFullYear();
const vendors = [
  { name: "(주)한빛시스템", number: "220-81-62517" },
  { name: "누리네트웍스", number: "124-81-00998" },
  { name: "다온정보", number: "120-81-47521" },
];
// Unit prices of the one server line (2 units): 누리 is lowest.
const prices = { "(주)한빛시스템": "9,200,000", 누리네트웍스: "8,900,000", 다온정보: "9,050,000" };
const serials = ["CN7XK2301", "CN7XK2302"];

const workspace = sharedWorkspace(name, (cli) => {
  cli("workspace", "create", name);
  for (const vendor of vendors) {
    cli(
      "vendor",
      "add",
      "--name",
      vendor.name,
      "--business-number",
      vendor.number,
      "--category",
      "server",
    );
  }
  cli(
    "budget",
    "add",
    "--year",
    String(year),
    "--line",
    "인프라 증설",
    "--kind",
    "project",
    "--amount",
    "500,000,000",
    "--policy",
    "warn",
  );
  cli("approval-rule", "add", "--name", "기본 결재", "--step", "approve:박팀장");
  const budgets = JSON.parse(cli("budget", "list", "--json"));
  return { budget: budgets[0].budget.id };
});

/** Sets the profile's name through the profile dialog, as a person switching seats would. */
async function becomeProfile(app, person) {
  await app.click("profile-button");
  await app.type("profile-name", person);
  await (await app.waitForTestId("profile-initials")).clearValue();
  await app.click("profile-save");
  await app.waitFor(
    async () =>
      (await (await app.byTestId("profile-button")).getAttribute("aria-label")) ===
      `내 프로필: ${person}`,
    { message: `the profile to be ${person}` },
  );
  await app.waitFor(
    () => app.session.execute(() => document.querySelector('[role="dialog"]') === null),
    { message: "the profile dialog closed" },
  );
}

/** Closes every toast, as a person would before reaching the buttons under them. */
async function dismissToasts(app) {
  await app.session.execute(() =>
    document
      .querySelectorAll('[data-testid="toast"] button.icon-btn')
      .forEach((button) => button.click()),
  );
  await app.waitFor(
    () => app.session.execute(() => document.querySelector('[data-testid="toast"]') === null),
    { message: "the toasts closed" },
  );
}

/** Clicks the element with this test id once no toast covers it. */
async function press(app, testId) {
  await dismissToasts(app);
  await app.click(testId);
}

/** The attribute of every element with this test id, in document order. */
function attributes(app, testId, attribute) {
  return app.session.execute(
    (id, name) =>
      [...document.querySelectorAll(`[data-testid="${id}"]`)].map((element) =>
        element.getAttribute(name),
      ),
    testId,
    attribute,
  );
}

async function status(app) {
  return (await app.byTestId("request-detail")).getAttribute("data-status");
}

async function waitForStatus(app, expected) {
  await app.waitFor(async () => (await status(app)) === expected, {
    message: `the request to be ${expected}`,
  });
}

/** Clicks `testId` (inside `[data-testid=holder][data-vendor=vendor]` when given) and returns
 * the path of the file the toast says was saved. */
async function saved(app, testId, extension, within) {
  await dismissToasts(app);
  if (within === undefined) await app.click(testId);
  else await clickFor(app, within.holder, within.vendor, testId);
  return app.waitFor(
    () =>
      app.session.execute(
        (ext) =>
          [...document.querySelectorAll(".toast-message")]
            .map((element) => element.textContent.match(new RegExp(`(/\\S+\\.${ext})`))?.[1])
            .find((found) => found !== undefined) ?? false,
        extension,
      ),
    { message: `a toast naming the saved ${extension}` },
  );
}

function pdfText(file) {
  return spawnSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).stdout;
}

/** Clicks the button with `testId` inside the element `[data-testid=holder][data-vendor=…]`. */
async function clickFor(app, holder, vendor, testId) {
  await dismissToasts(app);
  const row = await app.session.$(`[data-testid="${holder}"][data-vendor="${vendor}"]`);
  await row.waitForDisplayed();
  await (await row.$(`[data-testid="${testId}"]`)).click();
}

test(
  "submit, the approver's inbox, approve, RFQ to three vendors, quotes, compare, select, order, receive by scanning, the assets in the register with their order",
  { timeout: 600_000 },
  async (t) => {
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
    await becomeProfile(app, "김민준");

    // 김민준 writes the request and submits it.
    await press(app, "nav-purchasing");
    await press(app, "purchasing-tabs-requests");
    await press(app, "request-add");
    await app.waitForTestId("request-dialog");
    await app.type("request-field-title", "평택 1센터 서버 증설");
    await app.type("request-field-department", "인프라팀");
    await app.type("request-field-needed_by", `${year + 1}-03-31`);
    await (
      await app.waitForTestId("request-field-budget")
    ).selectByAttribute("value", workspace.seeded.budget);
    await app.type("request-line-description", "1U 서버 Dell R660");
    await (await app.waitForTestId("request-line-kind")).selectByAttribute("value", "hardware");
    await app.type("request-line-quantity", "2");
    await app.type("request-line-unit_price", "9,000,000");
    await press(app, "request-save");
    await app.waitForTestId("request-detail");
    await waitForStatus(app, "draft");
    const number = await (await app.byTestId("request-detail")).getAttribute("data-number");
    await press(app, "request-submit");
    await waitForStatus(app, "submitted");
    // Before approval the procurement section is not there.
    assert.equal(await (await app.byTestId("procurement")).isExisting(), false);

    // 박팀장's inbox: what waits for 박팀장 is this request.
    await becomeProfile(app, "박팀장");
    await press(app, "request-filter-mine");
    await app.waitFor(
      async () => {
        const rows = await attributes(app, "request-row", "data-number");
        return rows.length === 1 && rows[0] === number;
      },
      { message: `${number} alone in 박팀장's waiting-for-me inbox` },
    );
    await app.screenshot("purchase-flow-inbox");
    await press(app, "request-row");
    await app.waitFor(
      async () =>
        (await (await app.byTestId("request-detail")).getAttribute("data-number")) === number,
      { message: "the request open" },
    );
    await press(app, "request-approve");
    await waitForStatus(app, "approved");

    // Quotes from the three vendors.
    await app.waitForText("proc-next", /여러 업체에 견적을 요청하세요/);
    await press(app, "proc-rfq-open");
    await app.waitForTestId("rfq-dialog");
    for (const vendor of vendors) {
      await (
        await app.session.$(`[data-testid="rfq-vendor"][data-vendor="${vendor.name}"] input`)
      ).click();
    }
    await press(app, "rfq-send");
    await waitForStatus(app, "quotes_requested");
    assert.deepEqual(
      (await attributes(app, "proc-rfq", "data-vendor")).sort(),
      vendors.map((v) => v.name).sort(),
    );
    for (const vendor of vendors) {
      await clickFor(app, "proc-rfq", vendor.name, "proc-quote-open");
      await app.waitForTestId("quote-dialog");
      await app.type("quote-price", prices[vendor.name]);
      await app.type("quote-lead-time", "14");
      await app.type("quote-warranty", "36");
      await app.type("quote-terms", "납품 후 30일");
      await press(app, "quote-save");
      await app.waitFor(async () => !(await (await app.byTestId("quote-dialog")).isExisting()), {
        message: `the quote of ${vendor.name} saved`,
      });
    }
    await app.waitFor(
      async () =>
        (await attributes(app, "proc-rfq", "data-quoted")).every((quoted) => quoted === "true"),
      { message: "three quotes in" },
    );

    // Each vendor's 견적요청서, and the comparison as PDF and CSV, saved where exports go.
    const rfqPdf = await saved(app, "proc-rfq-pdf", "pdf", {
      holder: "proc-rfq",
      vendor: "누리네트웍스",
    });
    assert.match(pdfText(rfqPdf), /견적요청서/);
    assert.match(pdfText(rfqPdf), /누리네트웍스/);
    assert.match(pdfText(rfqPdf), /124-81-00998/);
    const comparisonPdf = await saved(app, "proc-cmp-pdf", "pdf");
    assert.match(pdfText(comparisonPdf), /견적 비교표/);
    const csv = fs.readFileSync(await saved(app, "proc-cmp-csv", "csv"), "utf8");
    for (const vendor of vendors) assert.ok(csv.includes(vendor.name), `${vendor.name} in the CSV`);
    assert.ok(csv.includes("17800000"), "누리's line total in won in the CSV");

    // The comparison: vendors as columns, the best price marked.
    const grid = await app.waitForTestId("cmp-grid");
    await grid.scrollIntoView({ block: "center" });
    const columns = await attributes(app, "cmp-vendor", "data-vendor");
    assert.deepEqual([...columns].sort(), vendors.map((v) => v.name).sort());
    const best = await app.session.execute(() =>
      [...document.querySelectorAll('[data-testid="cmp-cell"][data-best="true"]')].map((cell) =>
        cell.getAttribute("data-vendor"),
      ),
    );
    assert.deepEqual(best, ["누리네트웍스"]);
    const lowest = await app.session.$('[data-testid="cmp-total"][data-lowest="true"]');
    assert.equal(await lowest.getAttribute("data-vendor"), "누리네트웍스");
    assert.equal(await lowest.getAttribute("data-krw"), "17800000");
    // Vendors run across: each column's header sits right of the one before.
    const lefts = await app.session.execute(() =>
      [...document.querySelectorAll('[data-testid="cmp-vendor"]')].map(
        (th) => th.getBoundingClientRect().left,
      ),
    );
    assert.ok(lefts[0] < lefts[1] && lefts[1] < lefts[2], `columns left to right: ${lefts}`);
    // Keyboard: from the first cell, arrows move through the grid.
    await (await app.session.$('[data-testid="cmp-grid"] [data-cell="0:0"]')).click();
    await app.session.keys(["ArrowDown", "ArrowRight"]);
    assert.equal(
      await app.session.execute(() => document.activeElement?.getAttribute("data-cell")),
      "1:1",
    );
    await app.screenshot("purchase-flow-comparison");

    // Select the lowest, with the reason.
    await press(app, "proc-select-open");
    await app.waitForTestId("select-dialog");
    // The lowest complete total is offered first.
    const offered = await app.session.execute(() => {
      const select = document.querySelector('[data-testid="select-vendor"]');
      return select.options[select.selectedIndex].textContent;
    });
    assert.match(offered, /^누리네트웍스/);
    await app.type("select-reason", "최저가, 납기와 보증 동일");
    await press(app, "select-save");
    await waitForStatus(app, "vendor_selected");

    // Order with a promised date.
    await press(app, "proc-order-open");
    await app.waitForTestId("order-dialog");
    await app.type("order-promised", `${year + 1}-01-15`);
    await press(app, "order-save");
    await waitForStatus(app, "ordered");
    const order = await (await app.waitForTestId("proc-order")).getAttribute("data-order");
    assert.match(order, /^PO-\d{4}-[0-9A-Z]{4}-1$/);

    const orderPdf = pdfText(await saved(app, "proc-order-pdf", "pdf"));
    assert.match(orderPdf, /발주서/);
    assert.ok(orderPdf.includes(order), `${order} on the 발주서`);

    // Receive: the serials typed into the scan field with Enter; one typed twice is refused.
    await press(app, "proc-receive-open");
    await app.waitForTestId("receive-dialog");
    const field = await app.waitForTestId("receive-scan-input");
    await field.setValue(serials[0] + ENTER);
    await app.waitForText("receive-scan-answer", `${serials[0]} 추가 (1U 서버 Dell R660 1/2)`);
    assert.equal(
      await app.session.execute(() => document.activeElement?.getAttribute("data-testid")),
      "receive-scan-input",
    );
    await field.setValue(serials[0] + ENTER);
    await app.waitForText("receive-scan-answer", /이미 스캔했습니다/);
    await field.setValue(serials[1] + ENTER);
    await app.waitForText("receive-scan-answer", `${serials[1]} 추가 (1U 서버 Dell R660 2/2)`);
    assert.deepEqual(await attributes(app, "receive-serial", "data-serial"), serials);
    await app.waitForText("receive-counts", "합격 2 · 불합격 0");
    await app.screenshot("purchase-flow-receive");
    await press(app, "receive-save");
    await waitForStatus(app, "received");
    await app.waitFor(
      async () => (await attributes(app, "proc-asset", "data-serial")).length === 2,
      { message: "the two assets listed on the request" },
    );

    // The asset register has them, each naming its order.
    await press(app, "nav-assets");
    for (const serial of serials) {
      await app.type("search-input", serial);
      // The list shows the one asset with this serial (a row of the previous search may still
      // be on screen for a moment).
      await app.waitFor(
        () =>
          app.session.execute((wanted) => {
            const rows = [...document.querySelectorAll('[data-testid="asset-row"]')];
            return rows.length === 1 && rows[0].textContent.includes(wanted);
          }, serial),
        { message: `one asset with ${serial}` },
      );
      await press(app, "asset-row");
      await app.waitForText("detail-serial", new RegExp(serial));
      await app.waitForText("detail-purchase-order", new RegExp(order));
      assert.match(await app.text("detail-purchase-vendor"), /누리네트웍스/);
    }
    await app.screenshot("purchase-flow-asset");
  },
);

/** A valid 사업자등록번호 (the check digit computed as core's business_number.rs does). */
function businessNumber(n) {
  const digits = `2208100${String(n).padStart(2, "0")}`.split("").map(Number);
  const weights = [1, 3, 7, 1, 3, 7, 1, 3, 5];
  const sum =
    digits.reduce((total, digit, at) => total + digit * weights[at], 0) +
    Math.floor((digits[8] * 5) / 10);
  const all = [...digits, (10 - (sum % 10)) % 10].join("");
  return `${all.slice(0, 3)}-${all.slice(3, 5)}-${all.slice(5)}`;
}

const tenName = "구매-업체-열곳";
const ten = sharedWorkspace(tenName, (cli) => {
  // Who the CLI writes as, in a workspace without a team and before any profile is set.
  const as = (user, ...args) => {
    const was = process.env.USER;
    process.env.USER = user;
    try {
      return cli(...args);
    } finally {
      if (was === undefined) delete process.env.USER;
      else process.env.USER = was;
    }
  };
  cli("workspace", "create", tenName);
  const names = [];
  for (let n = 1; n <= 10; n++) {
    names.push(`테스트정보통신 ${n}호`);
    cli("vendor", "add", "--name", names[n - 1], "--business-number", businessNumber(n));
  }
  cli(
    "budget",
    "add",
    "--year",
    String(year),
    "--line",
    "인프라",
    "--kind",
    "project",
    "--amount",
    "900,000,000",
    "--policy",
    "warn",
  );
  cli("approval-rule", "add", "--name", "기본 결재", "--step", "approve:박팀장");
  as(
    "김민준",
    "purchase",
    "create",
    "--title",
    "서버와 스위치 견적 비교",
    "--budget",
    `${year}/인프라`,
    "--needed-by",
    `${year + 1}-06-30`,
    "--line",
    "1U 서버 Dell R660|hardware|Dell|R660|4||9000000",
    "--line",
    "10G 스위치 Arista 7050|hardware|Arista|7050SX3|2||12000000",
  );
  const number = JSON.parse(cli("purchase", "list", "--json"))[0].number;
  as("김민준", "purchase", "submit", number);
  as("박팀장", "purchase", "approve", number);
  cli(
    "purchase",
    "rfq",
    number,
    ...names.flatMap((name) => ["--vendor", name]),
    "--reply-by",
    `${year + 1}-01-15`,
  );
  names.forEach((name, at) => {
    cli(
      "purchase",
      "quote",
      number,
      "--vendor",
      name,
      "--price",
      `1=${9_000_000 + at * 37_000}`,
      "--price",
      `2=${12_500_000 - at * 41_000}`,
      "--lead-days",
      String(10 + at),
      "--warranty-months",
      "36",
    );
  });
  return { number, names };
});

/** Where the comparison and its parts are, and whether the page itself overflows. */
function gridGeometry(app) {
  return app.session.execute(() => {
    const scroll = document.querySelector('[data-testid="cmp-scroll"]');
    const sticky = scroll.querySelector("thead .cmp-sticky");
    const headers = [...scroll.querySelectorAll('[data-testid="cmp-vendor"]')];
    const box = (element) => element.getBoundingClientRect();
    return {
      pageOverflow: document.documentElement.scrollWidth > window.innerWidth,
      scrollWidth: scroll.scrollWidth,
      clientWidth: scroll.clientWidth,
      scrollLeft: scroll.scrollLeft,
      scrollBox: { left: box(scroll).left, right: box(scroll).right },
      stickyLeft: box(sticky).left,
      lastRight: box(headers[headers.length - 1]).right,
      vendors: headers.length,
    };
  });
}

test(
  "ten vendors at 1280×800: the comparison scrolls sideways inside itself with the line column in place, in Korean and English",
  { timeout: 300_000 },
  async (t) => {
    const app = await ten.open();
    const size = await app.session.getWindowSize();
    await app.session.setWindowSize(1280, 800);
    t.after(() => app.session.setWindowSize(size.width, size.height));

    for (const language of ["ko", "en"]) {
      if (language === "en") {
        await app.click("language-en");
      }
      await app.click("nav-purchasing");
      await app.click("purchasing-tabs-requests");
      await app.waitFor(
        async () =>
          (await attributes(app, "request-row", "data-number")).includes(ten.seeded.number),
        { message: "the quoted request listed" },
      );
      if (!(await (await app.byTestId("request-detail")).isExisting())) {
        await app.click("request-row");
      }
      const grid = await app.waitForTestId("cmp-grid");
      await grid.scrollIntoView({ block: "center" });
      assert.equal(await grid.getAttribute("data-vendors"), "10");
      await app.waitForText(
        "proc-next",
        language === "ko" ? /견적을 받는 중입니다/ : /Waiting for quotes/,
      );

      const start = await gridGeometry(app);
      assert.equal(start.pageOverflow, false, "the page does not scroll sideways");
      assert.equal(start.vendors, 10);
      assert.ok(
        start.scrollWidth > start.clientWidth,
        `the grid scrolls inside itself (${start.scrollWidth} > ${start.clientWidth})`,
      );
      assert.ok(start.lastRight > start.scrollBox.right, "the tenth vendor is off to the right");
      await app.screenshot(`purchase-ten-vendors-${language}`);

      // End on the header row goes to the tenth vendor; the grid scrolls to it and the line
      // column stays where it was.
      await (await app.session.$('[data-testid="cmp-grid"] [data-cell="0:0"]')).click();
      await app.session.keys(["End"]);
      assert.equal(
        await app.session.execute(() => document.activeElement?.getAttribute("data-cell")),
        "0:10",
      );
      await app.waitFor(async () => (await gridGeometry(app)).scrollLeft > 0, {
        message: "the grid scrolled to the focused cell",
      });
      await app.session.execute(() => {
        const scroll = document.querySelector('[data-testid="cmp-scroll"]');
        scroll.scrollLeft = scroll.scrollWidth;
      });
      const end = await gridGeometry(app);
      assert.equal(end.pageOverflow, false);
      assert.ok(Math.abs(end.stickyLeft - start.stickyLeft) < 1, "the line column stays in place");
      assert.ok(end.lastRight <= end.scrollBox.right + 1, "the tenth vendor is in view");
      const header = await app.session.execute(
        () => document.querySelector('[data-testid="cmp-grid"] thead .cmp-sticky').textContent,
      );
      assert.equal(header, language === "ko" ? "품목" : "Line");
      await app.screenshot(`purchase-ten-vendors-${language}-end`);
    }
  },
);
