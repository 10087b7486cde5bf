// A damaged store: the app says so in the window, in Korean, and leaves the files as they were.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { runCli, startApp } from "../harness.mjs";

test(
  "a damaged store is reported in the window and not overwritten",
  { timeout: 180_000 },
  async (t) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cloudwright-damaged-"));
    t.after(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    runCli(["--data-dir", dataDir, "workspace", "create", "평택 1센터"]);
    const log = path.join(dataDir, "store", "db");
    const garbage = Buffer.alloc(8192, 0x42);
    fs.writeFileSync(log, garbage);

    const app = await startApp({ dataDir });
    t.after(() => app.close());
    const message = await app.waitForText(
      "load-failed",
      /로컬 저장소가 손상되어 열 수 없습니다\. 아무것도 바꾸지 않았습니다/,
    );
    assert.match(message, /damaged/);
    await app.screenshot("damaged-store");
    await app.closeSession();
    assert.deepEqual(fs.readFileSync(log), garbage, "the damaged log is left exactly as it was");
  },
);

// One flipped byte in the middle of a demo store's log: the explanation screen says what is
// damaged, the Recover button rebuilds the store from what is still readable and shows the
// report, and the recovered workspace opens with its assets; the damaged store is kept aside.
test(
  "a damaged store is recovered from the explanation screen and the workspace opens",
  { timeout: 240_000 },
  async (t) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cloudwright-recover-"));
    t.after(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    runCli(["--data-dir", dataDir, "workspace", "create", "평택 1센터"]);
    runCli(["--data-dir", dataDir, "--workspace", "평택 1센터", "demo", "--assets", "200"]);
    const log = path.join(dataDir, "store", "db");
    const whole = fs.readFileSync(log);
    // A flipped byte in the middle of what the log holds: sled preallocates its segments, so
    // the file's second half is mostly unused zeroes (a byte there damages nothing, and where
    // the written part ends depends on the data). So: the middle of the written part, then the
    // next nonzero bytes until the CLI refuses the store (a refused store is left unchanged; a
    // try that opened is put back).
    let written = whole.length;
    while (written > 0 && whole[written - 1] === 0) written -= 1;
    let bytes;
    for (let at = Math.floor(written / 2); ; at += 1) {
      assert.ok(at < written, "no byte in the written half of the log damages a record");
      if (whole[at] === 0) continue;
      bytes = Buffer.from(whole);
      bytes[at] ^= 0x40;
      fs.writeFileSync(log, bytes);
      try {
        runCli(["--data-dir", dataDir, "asset", "list"]);
      } catch {
        break; // Refused as damaged.
      }
      fs.writeFileSync(log, whole);
    }

    const app = await startApp({ dataDir });
    t.after(() => app.close());
    const damage = await app.waitForText("store-damage", /store\/db at byte/);
    assert.match(damage, /로컬 저장소가 손상되어 열 수 없습니다/);
    await app.click("store-recover");
    const report = await app.waitForText("recovery-report", /복구한 기록 \d+건/);
    await app.screenshot("store-recovered");
    const recovered = Number(/복구한 기록 (\d+)건/.exec(report)[1]);
    assert.ok(recovered >= 190, report);
    await app.click("recovery-open");
    await app.waitForText("nav-assets", /자산/);
    await app.closeSession();
    const kept = fs.readdirSync(dataDir).find((name) => /^store\.damaged-\d+$/.test(name));
    assert.ok(kept, "the damaged store is kept aside");
    assert.deepEqual(fs.readFileSync(path.join(dataDir, kept, "db")), bytes);
    // The records recovered are the assets and the places their locations name (issue 18):
    // every asset of the 200 still readable is listed, and no more records than recovered.
    const listed = runCli(["--data-dir", dataDir, "asset", "list"]);
    const [, shown, total] = /(\d+) of (\d+) assets/.exec(listed) ?? [];
    assert.equal(shown, total, listed.slice(-200));
    assert.ok(Number(total) >= 190 && Number(total) <= Math.min(200, recovered), report);
  },
);
