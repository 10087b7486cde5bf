// Links everywhere, Back with state and the global search (issue 18), in the real window at
// 1280×800 on the demo workspace (2,000 assets, 20 racks, 1,022 cables, made by the real CLI),
// in Korean and English: asset → its rack (at its device) → the device's cable → the far
// device → Back, Back, Back to the asset list as it was left (search and open asset); Ctrl K
// from another screen finds a cable and a rack by typing, arrows and Enter; Esc closes it; an
// alert opens its cable; a finding opens its rack at the device; Alt+← goes back too.
import assert from "node:assert/strict";
import { test } from "node:test";
import { sharedWorkspace } from "../sharedApp.mjs";

const workspace = sharedWorkspace("링크-데모", (cli) => {
  cli("demo", "--racks", "20", "--cables", "1022");
  const racks = JSON.parse(cli("rack", "list", "--json")).filter((r) => /^A-R\d+$/.test(r.name));
  const cables = JSON.parse(cli("cable", "list", "--json"));
  const at = (end, rack, placement) => end.rack === rack && end.placement === placement;
  // A registered asset hanging in a rack with a cable to another device.
  for (const rack of racks) {
    const view = JSON.parse(cli("rack", "show", rack.id, "--json"));
    for (const device of view.devices) {
      if (device.asset_tag === null || device.placement.asset === null) continue;
      const cable = cables.find((c) => at(c.a, rack.id, device.id) || at(c.b, rack.id, device.id));
      if (cable === undefined) continue;
      const nearSide = at(cable.a, rack.id, device.id) ? "A" : "B";
      const far = nearSide === "A" ? cable.b : cable.a;
      const farView = JSON.parse(cli("rack", "show", far.rack, "--json"));
      const farDevice = farView.devices.find((d) => d.id === far.placement);
      // An alert: another cable of the demo fails its test.
      const failed = cables.find((c) => c.id !== cable.id && c.label !== "");
      cli("cable", "test", failed.label, "--fail", "--tester", "박지훈");
      // A rack to shrink in the test (a finding: its top device past its top).
      const tall = JSON.parse(cli("rack", "show", "A-R11", "--json"));
      return {
        rack: { id: rack.id, name: rack.name, room: view.room },
        device: { id: device.id, tag: device.asset_tag, label: device.placement.label },
        cable: { id: cable.id, label: cable.label, farSide: nearSide === "A" ? "B" : "A" },
        far: { rack: farView.rack.name, label: farDevice.placement.label },
        failed: { id: failed.id, label: failed.label },
        tall,
      };
    }
  }
  throw new Error("no registered asset in a rack with a cable in the demo");
});

/** The value of the element's `data-*` attribute, once it is displayed. */
async function dataOf(app, testId, name) {
  return (await app.waitForTestId(testId)).getAttribute(`data-${name}`);
}

async function waitForRack(app, name, deviceLabel) {
  await app.waitFor(async () => (await dataOf(app, "rack-editor", "rack-name")) === name, {
    message: `the rack editor of ${name}`,
  });
  if (deviceLabel !== undefined) await app.waitForText("device-panel-label", deviceLabel);
}

async function back(app) {
  await app.click("nav-back");
}

test(
  "at 1280×800: every link type, Back with state (button, Alt+←) and Ctrl K, in Korean and English",
  { timeout: 300_000 },
  async (t) => {
    const app = await workspace.open();
    const seeded = workspace.seeded;
    const size = await app.session.getWindowSize();
    await app.session.setWindowSize(1280, 800);
    t.after(() => app.session.setWindowSize(size.width, size.height));
    assert.equal(await (await app.byTestId("nav-back")).isEnabled(), false);

    // Asset list: search, open the asset; its rack is a link.
    await app.type("search-input", seeded.device.tag);
    await app.waitFor(
      async () =>
        (await app.session.$$('[data-testid="asset-row"]')).length === 1 &&
        (await dataOf(app, "asset-row", "asset-tag")) === seeded.device.tag,
      { message: `the list narrowed to ${seeded.device.tag}` },
    );
    await app.click("asset-row");
    await app.waitForText("detail-asset-tag", seeded.device.tag);
    await app.waitForText("asset-rack-link", seeded.rack.name);
    await app.screenshot("links-asset-1280");

    // asset → rack, at its device; the device links back to the asset, its port map to cables.
    await app.click("asset-rack-link");
    await waitForRack(app, seeded.rack.name, seeded.device.label);
    assert.equal(await app.text("device-asset-link"), seeded.device.tag);
    const cableLink = await app.waitFor(
      async () => {
        for (const link of await app.session.$$('[data-testid="port-map-cable-link"]')) {
          if ((await link.getText()) === seeded.cable.label) return link;
        }
        return false;
      },
      { message: `the port map links cable ${seeded.cable.label}` },
    );
    await app.screenshot("links-device-1280");

    // device → cable; the cable's far end → the far device in its rack.
    await cableLink.click();
    await app.waitForText("cable-detail-label", seeded.cable.label);
    await app.click(`cable-end-link-${seeded.cable.farSide}`);
    await waitForRack(app, seeded.far.rack, seeded.far.label);

    // Back: the cable, the first rack at its device, the asset list as it was left.
    await back(app);
    await app.waitForText("cable-detail-label", seeded.cable.label);
    await back(app);
    await waitForRack(app, seeded.rack.name, seeded.device.label);
    // Alt+← goes back as well.
    await app.session.keys(["Alt", "ArrowLeft"]);
    await app.waitForText("detail-asset-tag", seeded.device.tag);
    assert.equal(
      await (await app.waitForTestId("search-input")).getValue(),
      seeded.device.tag,
      "the search kept",
    );
    assert.equal(await app.text("asset-count"), "총 1개");

    // asset → its room's floor plan; asset → its site (its first room); Back each time.
    await app.click("asset-room-link");
    const openRoom = async () =>
      app.session.execute(
        () => document.querySelector('[data-testid="room-item"][aria-current="true"]')?.textContent,
      );
    await app.waitForTestId("floor-plan");
    await app.waitFor(async () => (await openRoom())?.includes(seeded.rack.room), {
      message: `the floor plan of ${seeded.rack.room}`,
    });
    await back(app);
    await app.waitForText("detail-asset-tag", seeded.device.tag);
    await app.click("asset-site-link");
    await app.waitForTestId("floor-plan");
    await app.waitFor(async () => (await openRoom()) !== undefined, {
      message: "a room of the asset's site open",
    });
    await back(app);
    await app.waitForText("detail-asset-tag", seeded.device.tag);

    // Ctrl K from the asset list: type a cable's label, Enter opens it.
    await app.session.keys(["Control", "k"]);
    await app.waitForTestId("search-palette-input");
    await app.type("search-palette-input", seeded.failed.label);
    await app.waitFor(
      async () => (await dataOf(app, "search-hit", "record")) === `cable/${seeded.failed.id}`,
      { message: `the search's first hit is cable ${seeded.failed.label}` },
    );
    await app.screenshot("search-palette-1280");
    await app.session.keys("Enter");
    await app.waitForText("cable-detail-label", seeded.failed.label);
    // Esc closes it where it was opened.
    await app.session.keys(["Control", "k"]);
    await app.waitForTestId("search-palette-input");
    await app.session.keys("Escape");
    await app.waitFor(async () => !(await (await app.byTestId("search-palette")).isExisting()), {
      message: "the search closed by Esc",
    });
    await app.waitForText("cable-detail-label", seeded.failed.label);

    // The cable list keeps its scroll: scrolled down, another screen, Back, still there.
    const scrolled = await app.session.execute(() => {
      const grid = document.querySelector('[data-testid="cable-table"]');
      grid.scrollTop = 4000;
      return grid.scrollTop;
    });
    assert.ok(scrolled > 1000, `the cable list scrolled (${scrolled})`);
    await app.waitFor(
      async () =>
        (await app.session.$$('[data-testid="cable-row"]')).length > 0 &&
        app.session.execute(() => {
          const rows = [...document.querySelectorAll('[data-testid="cable-row"]')];
          return rows.some((row) => Number(row.getAttribute("aria-rowindex")) > 60);
        }),
      { message: "rows far down the cable list drawn" },
    );
    await app.click("nav-racks");
    await app.waitForTestId("racks-screen");
    await back(app);
    await app.waitForText("cable-detail-label", seeded.failed.label);
    await app.waitFor(
      async () =>
        (await app.session.execute(
          () => document.querySelector('[data-testid="cable-table"]')?.scrollTop ?? -1,
        )) === scrolled,
      { message: `the cable list back at ${scrolled} px` },
    );

    // alert → its record: the failed cable.
    await app.click("nav-alerts");
    const alert = await app.waitFor(
      async () => {
        for (const row of await app.session.$$('[data-testid="alert-row"]')) {
          if ((await row.getAttribute("data-kind")) === "test_failed") return row;
        }
        return false;
      },
      { message: "the failed cable's alert" },
    );
    await alert.click();
    await app.waitForText("cable-detail-label", seeded.failed.label);
    await back(app);
    await app.waitForTestId("alert-list");

    // finding → its record: a rack made lower than its top device, at that device.
    const tall = seeded.tall;
    const top = tall.devices
      .filter((d) => d.placement.bottom_hu !== null && d.device !== null)
      .reduce((a, b) =>
        a.placement.bottom_hu + a.device.height_hu >= b.placement.bottom_hu + b.device.height_hu
          ? a
          : b,
      );
    const { placements: _placements, reservations: _reservations, id, ...spec } = tall.rack;
    spec.height_u = Math.ceil(top.placement.bottom_hu / 2);
    await app.invoke("rack_save", { id, spec });
    await app.click("findings-nav");
    const findingLink = await app.waitFor(
      async () => {
        for (const row of await app.session.$$('[data-testid="finding-row"]')) {
          if ((await row.getAttribute("data-rule")) !== "past_top") continue;
          const link = await row.$('[data-testid="finding-record-link"]');
          if ((await link.isExisting()) && (await link.getText()) === "A-R11") return link;
        }
        return false;
      },
      { message: "the past-top finding of A-R11 with its link" },
    );
    await app.screenshot("links-finding-1280");
    await findingLink.click();
    await waitForRack(app, "A-R11", top.placement.label);
    await back(app);
    await app.waitForTestId("finding-row");

    // English: the same shell in English words; Ctrl K finds a rack, Enter opens it, Back.
    await app.click("language-en");
    await app.waitForText("nav-assets", "Assets");
    assert.equal(await (await app.byTestId("nav-back")).getAttribute("aria-label"), "Back");
    await app.session.keys(["Control", "k"]);
    const input = await app.waitForTestId("search-palette-input");
    assert.equal(
      await input.getAttribute("placeholder"),
      "Assets, racks, rooms, cables, people… type anything",
    );
    await app.type("search-palette-input", seeded.rack.name);
    await app.waitFor(
      async () => (await dataOf(app, "search-hit", "record")) === `rack/${seeded.rack.id}`,
      { message: `the first hit is rack ${seeded.rack.name}` },
    );
    assert.match(await app.text("search-hit"), new RegExp(`^Rack\\s*${seeded.rack.name}`));
    await app.screenshot("search-palette-1280-en");
    await app.session.keys("Enter");
    await waitForRack(app, seeded.rack.name);
    await back(app);
    await app.waitForTestId("finding-row");
    await app.screenshot("links-back-1280-en");
  },
);
