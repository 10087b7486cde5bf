// Smoke: the real app binary opens its window, the UI renders, and a restart on the same data
// dir works. This is also the harness's own check that CLOUDWRIGHT_DATA_DIR reaches the app.
import assert from "node:assert/strict";
import { test } from "node:test";
import { startApp } from "../harness.mjs";

test("the window opens and shows Cloudwright", { timeout: 180_000 }, async (t) => {
  const app = await startApp();
  t.after(() => app.close());

  await app.waitForText("app-title", "Cloudwright");
  assert.equal(await app.session.getTitle(), "Cloudwright");
  await app.screenshot("smoke-first-window");

  const environment = await app.processEnvironment();
  assert.equal(environment.CLOUDWRIGHT_DATA_DIR, app.dataDir);

  const firstPids = app.appPids();
  await app.restart();
  await app.waitForText("app-title", "Cloudwright");
  const secondPids = app.appPids();
  assert.equal(secondPids.length, 1);
  assert.ok(!firstPids.includes(secondPids[0]), "restart launched a new app process");
  assert.equal((await app.processEnvironment()).CLOUDWRIGHT_DATA_DIR, app.dataDir);
});
