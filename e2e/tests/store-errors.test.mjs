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
