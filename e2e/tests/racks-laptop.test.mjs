// The floor plan, row view and rack editor at 1280×800 (issue 18), in the real window on a
// demo workspace made by the real CLI (a room of twenty racks, cabled, the cables of one rack
// printed): the plan opens fitted with all twenty racks and their names at a readable size,
// zooms and fits again; the row view labels devices; a drag into an exact 2U gap lands where
// its preview was, with the what-if line shown and gone and the elevation not moving; a
// verified, cabled server moved by drag or by key is asked about first, and once moved its
// printed cable labels name the new unit and are marked to print again.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { sharedWorkspace } from "../sharedApp.mjs";

/** The smallest on-screen size a name on the floor plan may have (floorMath.minLabelPx). */
const MIN_LABEL_PX = 11;

const workspace = sharedWorkspace("랙-노트북", (cli) => {
  const out = cli("demo", "--assets", "400", "--racks", "20", "--cables", "2000", "--seed", "3");
  const roomName = out.match(/generated room '([^']+)'/)[1];
  const racks = JSON.parse(cli("rack", "list", "--room", roomName, "--json"));
  const rack = racks.find((r) => r.name === "A-R03");
  const view = JSON.parse(cli("rack", "show", rack.id, "--json"));
  const cables = JSON.parse(cli("cable", "list", "--json"));
  const onRails = view.devices.filter((d) => d.placement.bottom_hu !== null && d.device);
  const free = (from, to) =>
    onRails.every((d) => {
      const bottom = d.placement.bottom_hu;
      return bottom + d.device.height_hu <= from || bottom >= to;
    });
  const cabled = (id) =>
    cables.filter(
      (c) =>
        (c.a.rack === rack.id && c.a.placement === id) ||
        (c.b.rack === rack.id && c.b.placement === id),
    );
  // A verified 2U server with cables and at least 3U free above it: the 2U right above it
  // becomes an exact gap once a 1U server is placed on top of it.
  const server = onRails.find(
    (d) =>
      d.device.height_hu === 4 &&
      d.device.full_depth &&
      d.placement.status === "verified" &&
      cabled(d.id).length > 0 &&
      free(d.placement.bottom_hu + 4, d.placement.bottom_hu + 10),
  );
  if (server === undefined)
    throw new Error(`no verified, cabled 2U server with room above in A-R03`);
  const gapHu = server.placement.bottom_hu + 4;
  const unitOf = (hu) => view.rack.starting_unit + hu / 2;
  cli(
    "rack",
    "place",
    rack.id,
    "--unit",
    String(unitOf(gapHu + 4)),
    "--type",
    "PowerEdge R650",
    "--label",
    "GAP-TOP",
  );
  // Every label of that rack printed, as a team does before installing.
  const pdf = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cloudwright-labels-")), "a.pdf");
  cli("labels", "cables", "--media", "a4-3x8", "--pdf", pdf, "--rack", rack.id, "--mark-printed");
  return {
    roomId: view.rack.room,
    rackId: rack.id,
    server: { id: server.id, label: server.placement.label, bottomHu: server.placement.bottom_hu },
    gapHu,
    gapUnit: unitOf(gapHu),
    cables: cabled(server.id).map((c) => c.id),
  };
});

/** Facts about the floor plan's racks: inside the visible pane, and their names as drawn. */
async function floorFacts(app) {
  return app.session.execute(() => {
    const pane = document.querySelector('[data-testid="floor-canvas"]').getBoundingClientRect();
    return [...document.querySelectorAll('[data-testid="floor-rack"]')].map((rack) => {
      const box = rack.getBoundingClientRect();
      const text = rack.querySelector('[data-testid="floor-rack-name"]');
      const px =
        text === null ? null : parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a;
      return {
        name: rack.dataset.rackName,
        inside:
          box.left >= pane.left - 0.5 &&
          box.right <= pane.right + 0.5 &&
          box.top >= pane.top - 0.5 &&
          box.bottom <= pane.bottom + 0.5,
        text: text?.textContent ?? null,
        px,
      };
    });
  });
}

function assertReadable(facts, when) {
  for (const rack of facts) {
    if (rack.text === null) continue; // hidden: the tooltip has it
    assert.ok(rack.px >= MIN_LABEL_PX - 0.01, `${when}: ${rack.name} drawn at ${rack.px} px`);
    assert.ok(rack.name.endsWith(rack.text), `${when}: ${rack.name} written as ${rack.text}`);
  }
}

async function scaleNow(app) {
  return Number(await (await app.byTestId("floor-zoom-level")).getAttribute("data-scale"));
}

/** The viewport points over the middle of a device on the front rails and of a span there. */
async function railPoints(app, placementId, bottomHu, heightHu) {
  return app.session.execute(
    (id, bottom, height) => {
      const rails = document.querySelector('[data-elevation-face="front"]');
      rails.scrollIntoView({ block: "center" });
      const rect = rails.getBoundingClientRect();
      const unitPx = Number(rails.dataset.unitPx);
      const device = document
        .querySelector(`[data-testid="rack-device"][data-face="front"][data-placement-id="${id}"]`)
        ?.getBoundingClientRect();
      return {
        device:
          device === undefined
            ? null
            : {
                x: Math.round(device.left + device.width / 2),
                y: Math.round(device.top + device.height / 2),
              },
        span: {
          x: Math.round(rect.left + rect.width / 2),
          y: Math.round(rect.bottom - ((bottom + height / 2) / 2) * unitPx),
        },
      };
    },
    placementId,
    bottomHu,
    heightHu,
  );
}

async function railsTop(app) {
  return app.session.execute(
    () => document.querySelector('[data-elevation-face="front"]').getBoundingClientRect().top,
  );
}

async function press(app, at) {
  await app.session
    .action("pointer", { parameters: { pointerType: "mouse" } })
    .move({ x: at.x, y: at.y, origin: "viewport" })
    .down({ button: 0 })
    .move({ x: at.x + 20, y: at.y + 6, origin: "viewport", duration: 50 })
    .perform(true);
}

async function moveHeld(app, to) {
  await app.session
    .action("pointer", { parameters: { pointerType: "mouse" } })
    .move({ x: to.x, y: to.y, origin: "viewport", duration: 150 })
    .perform(true);
}

async function release(app, at) {
  await app.session
    .action("pointer", { parameters: { pointerType: "mouse" } })
    .move({ x: at.x, y: at.y, origin: "viewport" })
    .up({ button: 0 })
    .perform();
}

async function deviceBottom(app, placementId) {
  return app.session.execute(
    (id) =>
      document.querySelector(
        `[data-testid="rack-device"][data-face="front"][data-placement-id="${id}"]`,
      )?.dataset.bottomHu ?? null,
    placementId,
  );
}

async function previewAt(app) {
  return app.session.execute(() => {
    const preview = document.querySelector('[data-testid="drop-preview"]');
    return preview === null ? null : { ok: preview.dataset.ok, bottom: preview.dataset.bottomHu };
  });
}

test(
  "at 1280×800: the floor plan fits and zooms with readable names, the row view labels devices, drops land where previewed, a cabled move asks and flags its labels",
  { timeout: 300_000 },
  async (t) => {
    const app = await workspace.open();
    const seeded = workspace.seeded;
    const size = await app.session.getWindowSize();
    await app.session.setWindowSize(1280, 800);
    t.after(() => app.session.setWindowSize(size.width, size.height));

    // The floor plan opens fitted: all twenty racks in view, every name at 11 px or more.
    await app.click("nav-racks");
    await (
      await app.session.$(`[data-testid="room-item"][data-room-id="${seeded.roomId}"]`)
    ).click();
    let facts;
    await app.waitFor(
      async () => {
        facts = await floorFacts(app);
        return facts.length === 20 && facts.every((rack) => rack.inside);
      },
      { message: () => `20 racks inside the pane (seen ${JSON.stringify(facts)})` },
    );
    await app.screenshot("floor-plan-1280");
    assertReadable(facts, "fitted");
    assert.ok(
      facts.filter((rack) => rack.text !== null).length === 20,
      `every rack named when fitted at ${await scaleNow(app)} px a tile: ${JSON.stringify(facts)}`,
    );
    const fitted = await scaleNow(app);

    // Zoomed in three steps: names whole, still readable; the plan now scrolls.
    for (let step = 0; step < 3; step += 1) await app.click("floor-zoom-in");
    await app.waitFor(async () => (await scaleNow(app)) > fitted * 1.9, { message: "zoomed in" });
    facts = await floorFacts(app);
    assertReadable(facts, "zoomed in");
    assert.ok(
      facts.some((rack) => !rack.inside),
      "zoomed in, some racks are out of view",
    );
    assert.ok(
      facts.some((rack) => rack.text === rack.name),
      "zoomed in, names are whole",
    );
    // The 0 key fits it again.
    await app.session.execute(() => document.activeElement?.blur());
    await app.session.keys("0");
    await app.waitFor(async () => (await floorFacts(app)).every((rack) => rack.inside), {
      message: "0 fits the plan again",
    });
    // The wheel zooms around the pointer: the rack under it stays under it.
    const wheel = await app.session.execute(() => {
      const rack = document.querySelector('[data-testid="floor-rack"][data-rack-name="A-R15"]');
      const box = rack.getBoundingClientRect();
      const at = { x: box.left + box.width / 2, y: box.top + box.height / 2 };
      const canvas = document.querySelector('[data-testid="floor-canvas"]');
      for (let turn = 0; turn < 2; turn += 1)
        canvas.dispatchEvent(
          new WheelEvent("wheel", {
            deltaY: -100,
            clientX: at.x,
            clientY: at.y,
            bubbles: true,
            cancelable: true,
          }),
        );
      return at;
    });
    await app.waitFor(async () => (await scaleNow(app)) > fitted * 1.5, {
      message: "the wheel zoomed in",
    });
    // Across (the plan scrolls sideways now); downwards it is still shorter than the pane, so
    // it grows from the top and nothing can be kept there.
    const across = await app.session.execute(() => {
      const box = document
        .querySelector('[data-testid="floor-rack"][data-rack-name="A-R15"]')
        .getBoundingClientRect();
      return { left: box.left, right: box.right };
    });
    assert.ok(
      across.left <= wheel.x && wheel.x <= across.right,
      `A-R15 (${across.left}-${across.right}) still under the pointer at x ${wheel.x}`,
    );
    await app.click("floor-fit");
    // Zoomed out as far as it goes: a name is readable or left to the tooltip, never tiny.
    for (let step = 0; step < 8; step += 1) await app.click("floor-zoom-out");
    assertReadable(await floorFacts(app), "zoomed out");
    await app.click("floor-fit");
    await app.waitFor(async () => (await scaleNow(app)) === fitted, { message: "fit again" });
    assert.equal(await app.text("floor-fit"), "전체 보기");

    // The row view names each device.
    await (await app.session.$('[data-testid^="row-open-"]')).click();
    await app.waitFor(
      async () => (await app.session.$$('[data-testid="row-rack"]')).length === 20,
      { message: "20 racks in the row view" },
    );
    const labels = await app.session.execute(() =>
      [...document.querySelectorAll('[data-testid="row-device-label"]')].map((el) => ({
        text: el.textContent,
        px: parseFloat(getComputedStyle(el).fontSize),
      })),
    );
    assert.ok(labels.length > 100, `device labels in the row view: ${labels.length}`);
    assert.ok(labels.some((label) => label.text === seeded.server.label));
    assert.ok(labels.every((label) => label.px >= 10));
    await app.screenshot("row-view-1280");
    await (await app.session.$('[data-testid="row-rack"][data-rack-name="A-R03"]')).click();
    await app.waitForText("rack-title", "A-R03");

    // Five drags of a 2U server into the exact 2U gap, each first over taken units (the
    // refusal line shows) then into the gap: the elevation never moves, and it lands on the
    // units its preview showed; each is undone.
    const r750 = '[data-testid="palette-type"][data-type-key="builtin:dell-poweredge-r750"]';
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const points = await railPoints(app, seeded.server.id, seeded.gapHu, 4);
      const top = await railsTop(app);
      const from = await app.session.execute((css) => {
        const element = document.querySelector(css);
        element.scrollIntoView({ block: "center" });
        const rect = element.getBoundingClientRect();
        return {
          x: Math.round(rect.left + rect.width / 2),
          y: Math.round(rect.top + rect.height / 2),
        };
      }, r750);
      await press(app, from);
      // Over the server: taken units.
      await moveHeld(app, points.device);
      await app.waitForTestId("whatif-refused");
      assert.equal(await railsTop(app), top, `attempt ${attempt}: the refusal moved the elevation`);
      await moveHeld(app, points.span);
      let preview;
      await app.waitFor(
        async () => {
          preview = await previewAt(app);
          return preview?.ok === "true" && preview.bottom === String(seeded.gapHu);
        },
        {
          message: () =>
            `attempt ${attempt}: a green preview in the gap (${JSON.stringify(preview)})`,
        },
      );
      await app.waitFor(async () => !(await (await app.byTestId("whatif-refused")).isExisting()), {
        message: "the refusal line gone over the gap",
      });
      assert.equal(await railsTop(app), top, `attempt ${attempt}: the elevation moved`);
      await release(app, points.span);
      await app.waitFor(
        async () =>
          app.session.execute(
            (bottom) =>
              [...document.querySelectorAll('[data-testid="rack-device"][data-face="front"]')].some(
                (el) => el.dataset.label === "PowerEdge R750" && el.dataset.bottomHu === bottom,
              ),
            String(seeded.gapHu),
          ),
        { message: `attempt ${attempt}: the R750 in the gap` },
      );
      await app.session.keys(["Control", "z"]);
      await app.waitFor(
        async () =>
          app.session.execute(
            () =>
              !document.querySelector(
                '[data-testid="rack-device"][data-face="front"][data-label="PowerEdge R750"]',
              ),
          ),
        { message: `attempt ${attempt}: undone` },
      );
    }

    // The verified, cabled server dragged into the gap: asked first; left where it was.
    const dragServer = async () => {
      const points = await railPoints(app, seeded.server.id, seeded.gapHu, 4);
      await press(app, points.device);
      await moveHeld(app, points.span);
      await app.waitFor(async () => (await previewAt(app))?.bottom === String(seeded.gapHu), {
        message: "the server's preview in the gap",
      });
      await release(app, points.span);
    };
    await dragServer();
    await app.waitForTestId("move-confirm");
    await app.waitForTestId("move-confirm-verified");
    assert.match(
      await app.text("move-confirm-cabled"),
      new RegExp(`케이블 ${seeded.cables.length}개`),
    );
    assert.match(await app.text("move-confirm-where"), new RegExp(`→ U${seeded.gapUnit}`));
    await app.screenshot("rack-move-confirm");
    await app.click("move-confirm-cancel");
    assert.equal(await deviceBottom(app, seeded.server.id), String(seeded.server.bottomHu));

    // By key: the same question; Escape leaves it.
    await (
      await app.session.$(
        `[data-testid="rack-device"][data-face="front"][data-placement-id="${seeded.server.id}"]`,
      )
    ).click();
    await app.session.keys("ArrowUp");
    await app.waitForTestId("move-confirm");
    await app.session.keys("Escape");
    await app.waitFor(async () => !(await (await app.byTestId("move-confirm")).isExisting()), {
      message: "the question closed",
    });
    assert.equal(await deviceBottom(app, seeded.server.id), String(seeded.server.bottomHu));

    // Dragged again and confirmed: it lands in the gap, and its printed labels follow it and
    // are marked to print again.
    await dragServer();
    await app.click("move-confirm-ok");
    await app.waitFor(
      async () => (await deviceBottom(app, seeded.server.id)) === String(seeded.gapHu),
      { message: "the server in the gap" },
    );
    let rows;
    await app.waitFor(
      async () => {
        rows = await Promise.all(seeded.cables.map((id) => app.invoke("cable_get", { id })));
        return rows.every(
          (row) =>
            row.needs_reprint &&
            [row.a, row.b].some(
              (end) => end.end.placement === seeded.server.id && end.unit === seeded.gapUnit,
            ) &&
            row.label.includes(`U${seeded.gapUnit}`),
        );
      },
      {
        message: () => `every cable of the server relabelled and flagged (${JSON.stringify(rows)})`,
      },
    );

    // The cables screen shows them, and the print of unlabelled cables takes them.
    await app.click("nav-cables");
    await app.type("cable-search", rows[0].label);
    await app.waitFor(
      async () =>
        app.session.execute(
          () =>
            document.querySelector('[data-testid="cable-printed"] [data-reprint="true"]') !== null,
        ),
      { message: "the reprint mark in the cable list" },
    );
    const page = await app.invoke("cable_page", {
      query: {
        search: "",
        status: null,
        rack: seeded.rackId,
        unlabelled: true,
        offset: 0,
        limit: 100,
      },
    });
    const waiting = new Set(page.rows.map((row) => row.id));
    assert.ok(
      seeded.cables.every((id) => waiting.has(id)),
      "the unlabelled print takes them",
    );

    // English: the plan's controls, fitted with readable names (the racks screen may keep the
    // rack that was open: back to its room first).
    await app.click("language-en");
    await app.click("nav-racks");
    const shown = await app.waitFor(
      async () =>
        app.session.execute(() =>
          document.querySelector('[data-testid="rack-back"]')
            ? "rack"
            : document.querySelector('[data-testid="room-item"]')
              ? "places"
              : false,
        ),
      { message: "the racks screen" },
    );
    if (shown === "rack") await app.click("rack-back");
    if (!(await (await app.byTestId("floor-fit")).isExisting()))
      await (
        await app.session.$(`[data-testid="room-item"][data-room-id="${seeded.roomId}"]`)
      ).click();
    await app.waitForText("floor-fit", "Fit");
    await app.click("floor-fit");
    await app.waitFor(async () => (await floorFacts(app)).every((rack) => rack.inside), {
      message: "the plan fitted in English",
    });
    assertReadable(await floorFacts(app), "fitted, English");
    assert.equal(await app.text("floor-side-toggle"), "Legend · aisles");
    await app.click("language-ko");
  },
);
