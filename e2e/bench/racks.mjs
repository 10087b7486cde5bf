// The rack editor's figures in the real window, for BENCHMARKS.md:
//   - opening the elevation of a 48U rack holding 40 devices (click → every device drawn),
//   - the frame rate while a device is dragged over it (a pointer move every frame; Rust is
//     asked for the what-if budget of the unit under the pointer, one question at a time),
//   - opening the row view of 20 racks (click → every rack drawn).
//
//   node bench/racks.mjs        (needs a built app and CLI: make build)
//
// The workspace is the demo room of 20 racks made by the real CLI; the 48U rack is added to
// its row through the app's own commands. Times are taken inside the page (performance.now()
// from the click to the frame after the last element appears), so WebDriver's round trips
// are not counted. Prints a Markdown table.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runCli, startApp } from "../harness.mjs";

const runs = 7;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cloudwright-bench-racks-"));
runCli([
  "demo",
  "--data-dir",
  dataDir,
  "--workspace",
  "벤치",
  "--assets",
  "2000",
  "--racks",
  "20",
  "--seed",
  "7",
]);
const app = await startApp({ dataDir });

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Clicks `selector` in the page and resolves with the ms until `count` of `ready` exist. */
async function timeOpen(selector, ready, count) {
  return app.session.executeAsync(
    (css, readyCss, wanted, done) => {
      const started = performance.now();
      document.querySelector(css).click();
      const check = () => {
        if (document.querySelectorAll(readyCss).length >= wanted) {
          requestAnimationFrame(() => done(performance.now() - started));
        } else {
          requestAnimationFrame(check);
        }
      };
      check();
    },
    selector,
    ready,
    count,
  );
}

try {
  await app.click("nav-racks");
  await app.click("room-item");
  await app.waitFor(async () => (await app.session.$$('[data-testid="floor-rack"]')).length === 20);

  // A 48U rack in the row with 40 one-unit servers, through the app's commands.
  const rackId = await app.session.executeAsync((done) => {
    const invoke = window.__TAURI_INTERNALS__.invoke;
    (async () => {
      const tree = await invoke("places_tree", {});
      const roomId = tree[0].rooms[0].id;
      const room = await invoke("room_view", { id: roomId });
      const row = Object.keys(room.room.rack_rows)[0];
      const feed = (name) => ({
        name,
        voltage_v: 380,
        amperage_a: 63,
        phase: "three",
        max_utilisation: 0.8,
      });
      const view = await invoke("rack_save", {
        id: null,
        spec: {
          room: roomId,
          row,
          name: "BENCH-48U",
          x: 2,
          y: room.room.rows - 2,
          rotation: 0,
          height_u: 48,
          starting_unit: 1,
          width: "19in",
          depth_mm: 1200,
          form_factor: "4_post_cabinet",
          max_weight_kg: 1500,
          status: "active",
          feeds: [feed("A"), feed("B")],
          redundancy: "ab",
        },
      });
      for (let n = 0; n < 40; n += 1) {
        await invoke("rack_place", {
          rack: view.rack.id,
          id: null,
          request: {
            device_type: "builtin:dell-poweredge-r660",
            asset: null,
            label: `bench-${n}`,
            bottom_hu: n * 2,
            face: "front",
            leg: null,
          },
        });
      }
      done(view.rack.id);
    })().catch((error) => done(`error: ${error}`));
  });
  if (String(rackId).startsWith("error")) throw new Error(rackId);

  // Row view of the demo row (20 racks) and, from it, the 48U rack.
  const rowOpen = [];
  const rackOpen = [];
  for (let run = 0; run < runs; run += 1) {
    await app.waitForTestId("floor-plan");
    rowOpen.push(await timeOpen('[data-testid^="row-open-"]', '[data-testid="row-rack"]', 20));
    rackOpen.push(
      await timeOpen(
        `[data-testid="row-rack"][data-rack-name="BENCH-48U"]`,
        '[data-testid="rack-device"][data-face="front"]',
        40,
      ),
    );
    await app.click("rack-back");
  }

  // A drag over the 48U rack: one pointer move per frame for 180 frames.
  await app.waitForTestId("floor-plan");
  await app.session.execute(() => document.querySelector('[data-testid^="row-open-"]').click());
  await (await app.session.$('[data-testid="row-rack"][data-rack-name="BENCH-48U"]')).click();
  await app.waitFor(
    async () =>
      (await app.session.$$('[data-testid="rack-device"][data-face="front"]')).length === 40,
  );
  const idle = await app.session.executeAsync((done) => {
    const frames = [];
    let last = performance.now();
    const step = (now) => {
      frames.push(now - last);
      last = now;
      if (frames.length < 120) requestAnimationFrame(step);
      else done(frames.slice(5));
    };
    requestAnimationFrame(step);
  });
  const drag = await app.session.executeAsync((done) => {
    const source = document.querySelector(
      '[data-testid="palette-type"][data-type-key="builtin:dell-poweredge-r650"]',
    );
    const rails = document.querySelector('[data-elevation-face="front"]');
    rails.scrollIntoView({ block: "center" });
    const box = source.getBoundingClientRect();
    const target = rails.getBoundingClientRect();
    const at = (x, y) => ({
      clientX: x,
      clientY: y,
      bubbles: true,
      pointerId: 1,
      button: 0,
      isPrimary: true,
    });
    source.dispatchEvent(new PointerEvent("pointerdown", at(box.left + 20, box.top + 10)));
    const frames = [];
    let last = performance.now();
    let n = 0;
    const step = (now) => {
      frames.push(now - last);
      last = now;
      n += 1;
      // Sweep up and down the rack, crossing a unit every few frames.
      const phase = (n % 90) / 90;
      const y = target.top + 8 + (target.height - 16) * (phase < 0.5 ? phase * 2 : 2 - phase * 2);
      window.dispatchEvent(new PointerEvent("pointermove", at(target.left + target.width / 2, y)));
      if (n < 180) requestAnimationFrame(step);
      else {
        window.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
        done(frames.slice(5));
      }
    };
    requestAnimationFrame(step);
  });
  const sorted = [...drag].sort((a, b) => a - b);
  const fps = 1000 / (drag.reduce((a, b) => a + b, 0) / drag.length);
  const p95 = sorted[Math.floor(sorted.length * 0.95)];

  const idleFps = 1000 / (idle.reduce((a, b) => a + b, 0) / idle.length);
  console.log("| Figure | Median | Runs |");
  console.log("|---|---|---|");
  console.log(
    `| Row view of 20 racks opens (click → every rack drawn) | ${median(rowOpen).toFixed(0)} ms | ${rowOpen.map((v) => v.toFixed(0)).join(", ")} |`,
  );
  console.log(
    `| 48U rack with 40 devices opens (click → every device drawn) | ${median(rackOpen).toFixed(0)} ms | ${rackOpen.map((v) => v.toFixed(0)).join(", ")} |`,
  );
  console.log(
    `| Drag over that rack: a pointer move every frame, the what-if asked again as each answer returns | ${fps.toFixed(1)} fps (p95 frame ${p95.toFixed(1)} ms) | 175 frames |`,
  );
  console.log(
    `| The same window with nothing moving (WebKit's frame clock here) | ${idleFps.toFixed(1)} fps | 115 frames |`,
  );
} finally {
  await app.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
