// The purchase request list beside an open request at 1280×800, in Korean and English (issue
// 19): with a request's detail open the list showed all six columns and scrolled sideways in
// what was left of the window. Beside a detail it keeps number, title and status; the list,
// the detail and the page all fit without a sideways scroll, both beside the wide detail of a
// request in procurement (its comparison and orders) and beside a draft's. The workspace is
// the CLI's `demo --purchases`, with requests at every stage.
import assert from "node:assert/strict";
import { test } from "node:test";
import { sharedWorkspace } from "../sharedApp.mjs";

const workspace = sharedWorkspace("구매-목록-배치", (cli) =>
  cli("demo", "--assets", "10", "--purchases", "30", "--seed", "6"),
);

/** A list's grid narrower than this shows no useful rows (as in laptop.test.mjs). */
const MIN_LIST_PX = 320;

const headersBeside = {
  ko: ["요청 번호", "제목", "상태"],
  en: ["Number", "Title", "Status"],
};

/** Lists only the requests of `status` and opens the first; resolves once its detail shows. */
async function openFirst(app, status) {
  await (await app.waitForTestId("request-filter-status")).selectByAttribute("value", status);
  await app.waitFor(
    () =>
      app.session.execute((wanted) => {
        const rows = [...document.querySelectorAll('[data-testid="request-row"]')];
        return rows.length > 0 && rows.every((row) => row.dataset.status === wanted);
      }, status),
    { message: `only ${status} requests listed` },
  );
  await app.click("request-row");
  await app.waitFor(
    () =>
      app.session.execute(
        (wanted) =>
          document.querySelector('[data-testid="request-detail"]')?.dataset.status === wanted,
        status,
      ),
    { message: `the detail of a ${status} request` },
  );
}

/** The list's, the detail's and the page's widths against what they scroll over. */
function widths(app) {
  return app.session.execute(() => {
    const list = document.querySelector('[data-testid="request-table"]');
    const detail = document.querySelector('[data-testid="request-detail"]');
    return {
      list: { scrollWidth: list.scrollWidth, clientWidth: list.clientWidth },
      listWidth: Math.round(list.getBoundingClientRect().width),
      detail:
        detail === null
          ? null
          : { scrollWidth: detail.scrollWidth, clientWidth: detail.clientWidth },
      page: { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth },
      headers: [...list.querySelectorAll('[role="columnheader"]')].map((header) =>
        header.textContent.trim(),
      ),
    };
  });
}

test(
  "at 1280×800 in Korean and English the request list fits beside an open request without scrolling sideways",
  { timeout: 300_000 },
  async (t) => {
    const app = await workspace.open();
    const size = await app.session.getWindowSize();
    await app.session.setWindowSize(1280, 800);
    t.after(() => app.session.setWindowSize(size.width, size.height));
    await app.waitFor(async () => (await app.session.execute(() => window.innerWidth)) === 1280, {
      message: "the page 1280 px wide",
    });

    for (const language of ["ko", "en"]) {
      if (language === "en") {
        await (await app.waitForTestId("language-en")).click();
        await app.waitForText("nav-purchasing", "Purchasing");
      }
      await app.click("nav-purchasing");
      await app.click("purchasing-tabs-requests");
      await app.waitForTestId("request-row");
      // Without a detail the list has all its columns.
      await app.waitFor(async () => (await widths(app)).headers.length === 6, {
        message: "six columns without a detail",
      });

      // A request in procurement (the wide detail: comparison, orders) and a draft.
      for (const status of ["partly_received", "draft"]) {
        await openFirst(app, status);
        await app.screenshot(`purchase-layout-${status}-${language}`);
        const seen = await widths(app);
        const where = `${status} (${language})`;
        assert.deepEqual(seen.headers, headersBeside[language], `${where}: the list's columns`);
        assert.ok(
          seen.list.scrollWidth <= seen.list.clientWidth,
          `${where}: the list scrolls sideways (${seen.list.scrollWidth} > ${seen.list.clientWidth})`,
        );
        assert.ok(seen.listWidth >= MIN_LIST_PX, `${where}: the list is ${seen.listWidth} px`);
        assert.ok(
          seen.detail.scrollWidth <= seen.detail.clientWidth,
          `${where}: the detail scrolls sideways (${seen.detail.scrollWidth} > ${seen.detail.clientWidth})`,
        );
        assert.ok(
          seen.page.scrollWidth <= seen.page.innerWidth,
          `${where}: the page is ${seen.page.scrollWidth} px wide in ${seen.page.innerWidth}`,
        );
        // Closed, the list has its six columns again.
        await app.session.keys("Escape");
        await app.waitFor(async () => (await widths(app)).headers.length === 6, {
          message: `${where}: six columns once the detail is closed`,
        });
      }
      await (await app.waitForTestId("request-filter-status")).selectByAttribute("value", "");
    }
  },
);
