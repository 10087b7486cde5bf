// Racks end to end: the real app on a demo workspace made by the real CLI (a room of twenty
// racks). Open the room's floor plan and a row; add a rack through the form; drag a server from
// the catalogue into it and see the power bar move; drag a GPU server in and see the what-if
// warning before the drop and the alert after it; tick the checklist, mark the server
// installed and verified; move it with the keyboard and undo; find the budget alert in the
// alerts list; restart and see it all kept. Screenshots for the README along the way. The app
// is the shared one (sharedApp.mjs), on a workspace of its own.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { sharedWorkspace } from "../sharedApp.mjs";

const workspace = sharedWorkspace("랙-데모", (cli) => {
  const out = cli("demo", "--assets", "400", "--racks", "20", "--seed", "3");
  // The rack demo's room (the asset demo may name rooms of its own).
  const roomName = out.match(/generated room '([^']+)'/)[1];
  const [first] = JSON.parse(cli("rack", "list", "--room", roomName, "--json"));
  return { roomId: JSON.parse(cli("rack", "show", first.id, "--json")).rack.room };
});

/** Opens the rack demo's room from the places tree. */
async function openDemoRoom(app) {
  const room = `[data-testid="room-item"][data-room-id="${workspace.seeded.roomId}"]`;
  await app.waitFor(async () => (await app.session.$(room)).isExisting(), {
    message: "the demo room in the places tree",
  });
  await (await app.session.$(room)).click();
}

/** Center of an element in viewport pixels. */
async function centerOf(app, selector) {
  return app.session.execute((css) => {
    const element = document.querySelector(css);
    element.scrollIntoView({ block: "center" });
    const rect = element.getBoundingClientRect();
    return { x: Math.round(rect.left + rect.width / 2), y: Math.round(rect.top + rect.height / 2) };
  }, selector);
}

/** The viewport point over the middle of a device of `heightHu` with its bottom at `bottomHu`. */
async function pointOnFace(app, face, bottomHu, heightHu) {
  return app.session.execute(
    (faceName, bottom, height) => {
      const rails = document.querySelector(`[data-elevation-face="${faceName}"]`);
      rails.scrollIntoView({ block: "center" });
      const rect = rails.getBoundingClientRect();
      const unitPx = Number(rails.dataset.unitPx);
      return {
        x: Math.round(rect.left + rect.width / 2),
        y: Math.round(rect.bottom - ((bottom + height / 2) / 2) * unitPx),
      };
    },
    face,
    bottomHu,
    heightHu,
  );
}

/** Presses on a palette item and moves to `to`, leaving the button down. */
async function dragHold(app, selector, to) {
  const from = await centerOf(app, selector);
  await app.session
    .action("pointer", { parameters: { pointerType: "mouse" } })
    .move({ x: from.x, y: from.y, origin: "viewport" })
    .down({ button: 0 })
    .move({ x: from.x + 30, y: from.y + 10, origin: "viewport", duration: 50 })
    .move({ x: to.x, y: to.y, origin: "viewport", duration: 150 })
    .perform(true);
}

/** Presses and releases the pointer over an element's center (SVG groups are not clickable
 * through WebDriver's element click). */
async function clickAt(app, selector) {
  const at = await centerOf(app, selector);
  await app.session
    .action("pointer", { parameters: { pointerType: "mouse" } })
    .move({ x: at.x, y: at.y, origin: "viewport" })
    .down({ button: 0 })
    .up({ button: 0 })
    .perform();
}

/** Releases the button held by `dragHold` at `at` (a new action chain starts at 0,0). */
async function release(app, at) {
  await app.session
    .action("pointer", { parameters: { pointerType: "mouse" } })
    .move({ x: at.x, y: at.y, origin: "viewport" })
    .up({ button: 0 })
    .perform();
}

async function devices(app) {
  return app.session.execute(() =>
    [...document.querySelectorAll('[data-testid="rack-device"][data-face="front"]')].map((el) => ({
      label: el.dataset.label,
      bottom: el.dataset.bottomHu,
      status: el.dataset.status,
    })),
  );
}

/** Waits for the what-if line (one line, cut with an ellipsis when long) to say `pattern`. */
async function waitForLine(app, testId, pattern) {
  let seen;
  await app.waitFor(
    async () => {
      seen = await app.session.execute(
        (id) => document.querySelector(`[data-testid="${id}"]`)?.textContent ?? null,
        testId,
      );
      return seen !== null && pattern.test(seen);
    },
    { message: () => `${testId} to say ${pattern} (seen ${JSON.stringify(seen)})` },
  );
}

async function attr(app, selector, name) {
  return app.session.execute(
    (css, key) => document.querySelector(css)?.getAttribute(key) ?? null,
    selector,
    name,
  );
}

test(
  "plan a rack: floor plan, row view, drag devices in with what-if, install and verify",
  { timeout: 300_000 },
  async (t) => {
    // Files the test picks in the window (a photo, a device type file).
    const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), "cloudwright-racks-"));
    t.after(() => fs.rmSync(filesDir, { recursive: true, force: true }));
    const app = await workspace.open();

    await app.click("nav-racks");
    await openDemoRoom(app);
    await app.waitFor(
      async () => (await app.session.$$('[data-testid="floor-rack"]')).length === 20,
      { message: "the demo room's 20 racks on the floor plan" },
    );
    await app.screenshot("floor-plan");

    // The row view: twenty racks side by side.
    const rowButton = await app.session.$('[data-testid^="row-open-"]');
    await rowButton.click();
    await app.waitFor(
      async () => (await app.session.$$('[data-testid="row-rack"]')).length === 20,
      {
        message: "20 racks in the row view",
      },
    );
    await app.screenshot("row-view");
    // A demo rack's elevation, for the README.
    await (await app.session.$('[data-testid="row-rack"][data-rack-name="A-R03"]')).click();
    await app.waitForText("rack-title", "A-R03");
    await app.waitFor(async () => (await devices(app)).length > 10, { message: "A-R03's devices" });
    await app.screenshot("rack-elevation");
    await app.click("rack-back");

    // A new rack through the form: two 220 V 32 A feeds, A/B, so one feed carries 5.6 kW.
    await app.click("floor-add-rack");
    await app.waitForTestId("rack-dialog");
    await app.type("rack-name", "E2E-R01");
    await app.click("rack-save");
    const newRack = '[data-testid="floor-rack"][data-rack-name="E2E-R01"]';
    await app.waitFor(async () => (await app.session.$(newRack)).isExisting(), {
      message: "the new rack on the floor plan",
    });
    await clickAt(app, newRack);
    await app.waitForText("rack-title", "E2E-R01");
    await app.waitForTestId("rack-empty");
    assert.equal(await attr(app, '[data-testid="power-bar"]', "data-value"), "0");

    // Drag a 1U server (max 1,100 W) from the catalogue onto U10 of the front.
    const server = '[data-testid="palette-type"][data-type-key="builtin:dell-poweredge-r650"]';
    const serverSpot = await pointOnFace(app, "front", 18, 2);
    await dragHold(app, server, serverSpot);
    await app.waitFor(
      async () => (await attr(app, '[data-testid="drop-preview"]', "data-ok")) === "true",
      { message: "a green drop preview over a free unit" },
    );
    await release(app, serverSpot);
    let seen;
    await app.waitFor(
      async () => {
        seen = await devices(app);
        return (
          seen.length === 1 &&
          seen[0].label === "PowerEdge R650" &&
          seen[0].bottom === "18" &&
          seen[0].status === "planned"
        );
      },
      { message: () => `the server at U10, planned (seen ${JSON.stringify(seen)})` },
    );
    await app.waitFor(
      async () => (await attr(app, '[data-testid="power-bar"]', "data-value")) === "1100",
      {
        message: "the power bar at 1,100 W",
      },
    );

    // Units held back with a reason: a drop there is refused before it happens; then released.
    await app.click("rack-reserve");
    await app.type("reserve-from", "40");
    await app.type("reserve-to", "42");
    await app.type("reserve-reason", "GPU 증설 예정");
    await app.click("reserve-save");
    await app.waitFor(
      async () => (await app.session.$$('[data-testid="rack-reservation"]')).length === 2,
      {
        message: "the reservation drawn on both faces",
      },
    );
    const reservedSpot = await pointOnFace(app, "front", 80, 2);
    await dragHold(app, server, reservedSpot);
    await app.waitFor(
      async () => (await attr(app, '[data-testid="drop-preview"]', "data-ok")) === "false",
      { message: "a red drop preview over reserved units" },
    );
    await waitForLine(app, "whatif-refused", /GPU 증설 예정/);
    await app.session.keys("Escape");
    await release(app, reservedSpot);
    assert.equal((await devices(app)).length, 1, "nothing was placed");
    await app.click("reservation-release");
    await app.waitFor(
      async () => (await app.session.$$('[data-testid="rack-reservation"]')).length === 0,
      {
        message: "the reservation released",
      },
    );

    // A GPU server (max 10.2 kW) does not fit on one feed: the warning shows before the drop.
    const gpu = '[data-testid="palette-type"][data-type-key="builtin:nvidia-dgx-h100"]';
    const gpuSpot = await pointOnFace(app, "front", 40, 16);
    await dragHold(app, gpu, gpuSpot);
    await waitForLine(app, "whatif-warning", /E2E-R01/);
    assert.equal(await attr(app, '[data-testid="power-bar"]', "data-level"), "over");
    await app.screenshot("rack-whatif");
    await release(app, gpuSpot);
    await app.waitFor(async () => (await devices(app)).length === 2, {
      message: "the GPU server placed",
    });
    await app.waitFor(
      async () => (await attr(app, '[data-testid="power-bar"]', "data-value")) === "11300",
      {
        message: "the power bar at 11.3 kW, over the 5.6 kW of one feed",
      },
    );

    // Install and verify the 1U server through its checklist.
    await (
      await app.session.$(
        '[data-testid="rack-device"][data-face="front"][data-label="PowerEdge R650"]',
      )
    ).click();
    await app.waitForTestId("device-panel");
    await app.click("check-mounted");
    await app.waitForTestId("check-mark-mounted");
    await app.click("mark-installed");
    await app.waitFor(
      async () => (await attr(app, '[data-testid="device-status"]', "data-status")) === "installed",
      {
        message: "installed",
      },
    );
    for (const item of ["power_connected", "network_connected", "powered_on", "burn_in_passed"]) {
      await app.click(`check-${item}`);
      await app.waitForTestId(`check-mark-${item}`);
    }
    await app.click("mark-verified");
    await app.waitFor(
      async () => (await attr(app, '[data-testid="device-status"]', "data-status")) === "verified",
      {
        message: "verified",
      },
    );
    // A photo of the mounted server, from a file as a user picks it.
    const photo = path.join(filesDir, "rails.png");
    fs.copyFileSync(path.join(import.meta.dirname, "..", "screenshots", "floor-plan.png"), photo);
    // WebDriver types a path only into a visible file input; the button opens it for users.
    await app.session.execute(() =>
      document.querySelector('[data-testid="photo-input"]').classList.remove("sr-only"),
    );
    await (await app.session.$('[data-testid="photo-input"]')).setValue(photo);
    await app.waitFor(
      async () =>
        app.session.execute(
          () => document.querySelector('[data-testid="placement-photo"] img')?.naturalWidth ?? 0,
        ),
      { message: "the photo's thumbnail" },
    );
    await app.session.execute(() =>
      document.querySelector('[data-testid="photo-input"]').classList.add("sr-only"),
    );
    // A device type of our own: imported from YAML in the palette, placed, given a front image.
    const yaml = path.join(filesDir, "types.yaml");
    fs.writeFileSync(
      yaml,
      "- {manufacturer: Acme, model: Edge-2U, u_height: 2, typical_w: 200, max_w: 300}\n",
    );
    await app.session.execute(() =>
      document.querySelector('[data-testid="catalogue-file"]').classList.remove("sr-only"),
    );
    await (await app.session.$('[data-testid="catalogue-file"]')).setValue(yaml);
    await app.session.execute(() =>
      document.querySelector('[data-testid="catalogue-file"]').classList.add("sr-only"),
    );
    const edge = '[data-testid="palette-type"][data-model="Edge-2U"]';
    await app.waitFor(async () => (await app.session.$(edge)).isExisting(), {
      message: "the imported type in the catalogue",
    });
    const edgeSpot = await pointOnFace(app, "front", 58, 4);
    await dragHold(app, edge, edgeSpot);
    await release(app, edgeSpot);
    const edgeDevice = '[data-testid="rack-device"][data-face="front"][data-label="Edge-2U"]';
    await app.waitFor(async () => (await app.session.$(edgeDevice)).isExisting(), {
      message: "the imported type placed at U30",
    });
    await (await app.session.$(edgeDevice)).click();
    await app.session.execute(() =>
      document.querySelector('[data-testid="type-image-input"]').classList.remove("sr-only"),
    );
    await (await app.session.$('[data-testid="type-image-input"]')).setValue(photo);
    await app.session.execute(() =>
      document.querySelector('[data-testid="type-image-input"]').classList.add("sr-only"),
    );
    await app.waitFor(
      async () =>
        app.session.execute(
          (css) => document.querySelector(`${css} .elevation-device-image`)?.naturalWidth ?? 0,
          edgeDevice,
        ),
      { message: "the type's front image drawn in its box" },
    );
    await (
      await app.session.$(
        '[data-testid="rack-device"][data-face="front"][data-label="PowerEdge R650"]',
      )
    ).click();
    await app.screenshot("rack-editor");

    // An asset from the register: dragged in, it takes the rack's location.
    await app.click("palette-tab-assets");
    await app.type("palette-search", "R660");
    const asset = await app.waitFor(
      async () =>
        app.session.execute(
          () =>
            document.querySelector('[data-testid="palette-asset"][aria-disabled="false"]')?.dataset
              .assetTag ?? false,
        ),
      { message: "an unplaced R660 in the register" },
    );
    const assetSpot = await pointOnFace(app, "front", 68, 2);
    await dragHold(app, `[data-testid="palette-asset"][data-asset-tag="${asset}"]`, assetSpot);
    await release(app, assetSpot);
    await app.waitFor(
      async () => (await devices(app)).some((d) => d.label === asset && d.bottom === "68"),
      { message: `${asset} at U35` },
    );
    const located = await app.session.executeAsync((tag, done) => {
      window.__TAURI_INTERNALS__
        .invoke("asset_get", { id: tag })
        .then((row) => done(row.asset.location))
        .catch((error) => done(String(error)));
    }, asset);
    assert.equal(located.rack, "E2E-R01");
    assert.equal(located.unit, 35);
    await app.click("palette-tab-catalogue");
    await (
      await app.session.$(
        '[data-testid="rack-device"][data-face="front"][data-label="PowerEdge R650"]',
      )
    ).click();

    // Print this rack's elevation: a real PDF that reads back with the rack and its devices.
    await app.click("print-racks");
    const saved = await app.waitFor(
      async () =>
        app.session.execute(() => {
          const toast = [...document.querySelectorAll(".toast-message")].find((el) =>
            el.textContent.includes(".pdf"),
          );
          return toast?.textContent.match(/(\/\S+\.pdf)/)?.[1] ?? false;
        }),
      { message: "a toast naming the saved PDF" },
    );
    t.after(() => fs.rmSync(saved, { force: true }));
    const text = spawnSync("pdftotext", ["-raw", saved, "-"], { encoding: "utf8" }).stdout;
    assert.match(text, /E2E-R01/);
    assert.match(text, /PowerEdge R650/);
    assert.match(text, /전면/);

    // Keyboard: up one unit (the server is verified: asked first), then undo.
    await app.session.keys("ArrowUp");
    await app.waitForTestId("move-confirm-verified");
    await app.click("move-confirm-ok");
    await app.waitFor(
      async () =>
        (await devices(app)).some((d) => d.label === "PowerEdge R650" && d.bottom === "20"),
      { message: "moved up to U11" },
    );
    await app.session.keys(["Control", "z"]);
    await app.waitFor(
      async () =>
        (await devices(app)).some((d) => d.label === "PowerEdge R650" && d.bottom === "18"),
      { message: "undo moves it back to U10" },
    );

    // The alerts list shows the rack over its budget, with its numbers.
    await app.click("nav-alerts");
    await app.waitFor(
      async () =>
        app.session.execute(() =>
          [...document.querySelectorAll('[data-testid="alert-row"][data-source="racks"]')].some(
            (row) => row.textContent.includes("E2E-R01") && row.textContent.includes("kW"),
          ),
        ),
      { message: "a budget alert for E2E-R01 in the alerts list" },
    );

    // Everything was durable: a restart shows the same rack.
    await app.restart();
    await app.click("nav-racks");
    await openDemoRoom(app);
    await app.waitFor(async () => (await app.session.$(newRack)).isExisting(), {
      message: "E2E-R01 after a restart",
    });
    await clickAt(app, newRack);
    await app.waitFor(
      async () =>
        (await devices(app)).some((d) => d.label === "PowerEdge R650" && d.status === "verified"),
      { message: "the verified server after a restart" },
    );
  },
);
