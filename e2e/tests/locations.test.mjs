// Locations are real places (issue 18), in the real window at 1280×800, in Korean and English:
// an asset's site, room and rack are picked from the workspace's places by typing (↑/↓ and
// Enter in the list), the rack's units are shown, and a unit past the rack's height is refused
// under the field with the rack's range; a unit inside it saves, and the CLI reads back the
// location in the places' own names.
import assert from "node:assert/strict";
import { test } from "node:test";
import { sharedWorkspace } from "../sharedApp.mjs";

// The places, made as the CLI makes them from an asset's location: 평택 1센터 / 전산실 A with
// A-R07 (42U) and A-R12 (45U, for the unit it names), and a second site.
const workspace = sharedWorkspace("장소-선택", (cli) => {
  cli("workspace", "create", "장소-선택");
  const seed = (tag, site, room, row, rack, unit) =>
    cli(
      "asset",
      "add",
      "--asset-tag",
      tag,
      "--type",
      "server",
      "--status",
      "in_use",
      "--site",
      site,
      "--room",
      room,
      "--row",
      row,
      "--rack",
      rack,
      "--unit",
      unit,
    );
  seed("SEED-1", "평택 1센터", "전산실 A", "A열", "A-R07", "40");
  seed("SEED-2", "평택 1센터", "전산실 A", "A열", "A-R12", "45");
  seed("SEED-3", "가산 IDC", "3층 전산실", "G열", "G-R01", "1");
});

/** The window at 1280×800 for one test, put back after it. */
async function laptop(app, t) {
  const size = await app.session.getWindowSize();
  await app.session.setWindowSize(1280, 800);
  t.after(() => app.session.setWindowSize(size.width, size.height));
  await app.waitFor(async () => (await app.session.execute(() => window.innerWidth)) <= 1280, {
    message: "the window at 1280 wide",
  });
}

/** The texts of the picker's options now listed under `field`. */
async function options(app, field) {
  return app.session.execute(
    (id) =>
      [...document.querySelectorAll(`[data-testid="field-${id}-option"]`)].map(
        (option) => option.querySelector(".combobox-value")?.textContent ?? "",
      ),
    field,
  );
}

async function waitForOptions(app, field, expected) {
  let last;
  await app.waitFor(
    async () => {
      last = await options(app, field);
      return JSON.stringify(last) === JSON.stringify(expected);
    },
    {
      message: () => `${field} options ${JSON.stringify(expected)} (last ${JSON.stringify(last)})`,
    },
  );
}

async function value(app, testId) {
  return (await app.waitForTestId(testId)).getValue();
}

/** The message under a form field (its aria-describedby target). */
async function fieldMessage(app, field) {
  return app.session.execute((id) => {
    const input = document.querySelector(`[data-testid="field-${id}"]`);
    const message = input && document.getElementById(input.getAttribute("aria-describedby") ?? "");
    return message ? message.textContent : null;
  }, field);
}

/** Whether the whole element is inside the window (nothing of it cut off at 1280×800). */
async function inWindow(app, testId) {
  return app.session.execute((id) => {
    const box = document.querySelector(`[data-testid="${id}"]`)?.getBoundingClientRect();
    return (
      box !== undefined &&
      box.left >= 0 &&
      box.top >= 0 &&
      box.right <= window.innerWidth &&
      box.bottom <= window.innerHeight
    );
  }, testId);
}

/** Picks site, room and rack by typing, arrows and Enter; leaves the unit to the caller. */
async function pickPlaces(app, screenshot) {
  await app.type("field-site", "평택");
  await waitForOptions(app, "site", ["평택 1센터"]);
  await app.session.keys("Enter");
  assert.equal(await value(app, "field-site"), "평택 1센터");

  await app.click("field-room");
  await app.session.keys("ArrowDown");
  await waitForOptions(app, "room", ["전산실 A"]);
  await app.session.keys("Enter");
  assert.equal(await value(app, "field-room"), "전산실 A");

  // Two racks match; ↓ moves to the second, ↓ again wraps to the first.
  await app.type("field-rack", "a-r");
  await waitForOptions(app, "rack", ["A-R07", "A-R12"]);
  if (screenshot !== undefined) await app.screenshot(screenshot);
  await app.session.keys("ArrowDown");
  await app.session.keys("ArrowDown");
  await app.session.keys("Enter");
  assert.equal(await value(app, "field-rack"), "A-R07");
}

test(
  "at 1280×800: a location is picked from the places by typing, and a unit past the rack is refused (Korean, English)",
  { timeout: 240_000 },
  async (t) => {
    const app = await workspace.open();
    await laptop(app, t);

    // Korean.
    await app.click("new-asset");
    await app.type("field-asset_tag", "LOC-0001");
    await pickPlaces(app, "location-picker-1280");
    assert.equal(await fieldMessage(app, "unit"), "이 랙: U1–U42");
    assert.equal(await fieldMessage(app, "rack"), "열: A열");
    await app.type("field-unit", "43");
    await app.click("save-asset");
    await app.waitForText("form-error", "저장하지 못했습니다. 표시된 1개 항목을 확인하세요.");
    assert.equal(
      await fieldMessage(app, "unit"),
      "U43: 랙 A-R07의 유닛 범위(U1–U42)를 벗어납니다.",
    );
    assert.ok(await inWindow(app, "save-asset"), "Save is inside the window at 1280×800");
    await app.screenshot("location-refused-1280");
    await app.type("field-unit", "42");
    await app.click("save-asset");
    await app.waitForText("toast", "저장됨");
    await app.waitForText("detail-asset-tag", "LOC-0001");
    assert.match(await app.text("detail-unit"), /U42/);
    await app.click("detail-close");

    // English: the same refusal in English words, and a place that does not exist is named.
    await app.click("language-en");
    await app.waitForText("nav-assets", "Assets");
    await app.click("new-asset");
    await app.type("field-asset_tag", "LOC-0002");
    await pickPlaces(app);
    assert.equal(await fieldMessage(app, "unit"), "This rack: U1–U42");
    await app.type("field-unit", "50");
    await app.click("save-asset");
    await app.waitFor(
      async () =>
        (await fieldMessage(app, "unit")) === "U50 is not in rack A-R07: its units are U1–U42.",
      { message: "the unit refused in English" },
    );
    await app.screenshot("location-refused-1280-en");
    // A rack typed that the room does not have: refused by name, under the rack.
    await app.type("field-rack", "A-R99");
    await app.session.keys("Escape");
    await app.type("field-unit", "5");
    await app.click("save-asset");
    await app.waitFor(
      async () =>
        (await fieldMessage(app, "rack")) ===
        "The room has no rack named 'A-R99': pick one from the list.",
      { message: "the unknown rack refused in English" },
    );
    await app.type("field-rack", "A-R12");
    await app.session.keys("Escape");
    await app.click("save-asset");
    await app.waitForText("toast", "Saved");
    await app.waitForText("detail-asset-tag", "LOC-0002");

    // The CLI reads both back in the places' own names.
    const shown = await workspace.whileStopped(() => [
      JSON.parse(workspace.cli("asset", "show", "LOC-0001", "--json")).asset.asset.location,
      JSON.parse(workspace.cli("asset", "show", "LOC-0002", "--json")).asset.asset.location,
    ]);
    assert.deepEqual(shown[0], {
      site: "평택 1센터",
      room: "전산실 A",
      row: "A열",
      rack: "A-R07",
      unit: 42,
    });
    assert.equal(shown[1].rack, "A-R12");
    assert.equal(shown[1].unit, 5);
  },
);
