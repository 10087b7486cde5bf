// Signed decisions end to end (issue 16): a real cloudwright-sync with two workspaces, where
// kim (CLI, a data dir of its own) asks to dispose of a server in each, and park, logged in on
// the shared app, holds approve_disposals in the first only. In the first, park approves in the
// asset's lifecycle section, sees ✓, the app syncs, and kim's device shows the approval as
// signed by park and valid. In the second, the app refuses park with the Korean reason and
// nothing is written.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { runCli } from "../harness.mjs";
import { sharedWorkspace } from "../sharedApp.mjs";
import { SyncServer } from "../syncServer.mjs";

const entitled = "서명 결정";
const notEntitled = "서명 권한 없음";
const tag = "PT1-SRV-0101";
const notEntitledWords =
  "폐기 승인·반려 — 이 결정을 내릴 권한이 없습니다. 관리자에게 권한을 요청하세요.";

/** Waits until the app finished a sync pass after `since` with nothing left to send. */
async function waitForSyncedSince(app, since, message) {
  let last;
  await app.waitFor(
    async () => {
      last = await app.invoke("sync_status", {});
      return last.state === "synced" && last.pending === 0 && last.last_synced_at_ms >= since;
    },
    {
      timeoutMs: 30_000,
      message: () => `${message}: synced since ${since} (${JSON.stringify(last)})`,
    },
  );
}

/** Opens the one asset of the workspace shown, scrolled to its disposal. */
async function openTheAsset(app) {
  await app.waitForText("asset-count", "총 1개", { timeoutMs: 30_000 });
  await app.click("asset-row");
  await app.waitForText("detail-asset-tag", tag);
  const disposal = await app.waitForTestId("life-disposal");
  await disposal.scrollIntoView({ block: "center" });
}

test(
  "park approves a disposal kim asked for, signed: ✓ in the app and valid on kim's device; without the right the app refuses and writes nothing",
  { timeout: 300_000 },
  async (t) => {
    const server = new SyncServer();
    t.after(() => server.close());
    for (const name of [entitled, notEntitled]) {
      server.admin(["workspace", "create", name]);
      for (const [user, shown] of [
        ["kim", "김민준"],
        ["park", "박지훈"],
      ]) {
        server.admin([
          "user",
          "add",
          user,
          "--password",
          `${user}-password`,
          "--workspace",
          name,
          "--role",
          "editor",
          "--display-name",
          shown,
        ]);
      }
    }
    server.admin([
      "user",
      "grant",
      "park",
      "--workspace",
      entitled,
      "--capability",
      "approve_disposals",
    ]);
    await server.start();

    // kim, on a device of their own, asks to dispose of a server in each workspace and syncs.
    const kimDir = fs.mkdtempSync(path.join(os.tmpdir(), "cloudwright-kim-"));
    t.after(() => fs.rmSync(kimDir, { recursive: true, force: true }));
    const kim = (workspace, ...args) =>
      runCli(["--data-dir", kimDir, "--workspace", workspace, ...args]);
    for (const workspace of [entitled, notEntitled]) {
      kim(
        workspace,
        "login",
        "--server",
        server.url,
        "--user",
        "kim",
        "--password",
        "kim-password",
      );
      kim(workspace, "asset", "add", "--asset-tag", tag, "--type", "server", "--status", "in_use");
      kim(workspace, "asset", "dispose", "request", tag, "--reason", "보증 만료");
      kim(workspace, "sync");
    }

    // park logs in on the shared app's data dir (the CLI, while the app is stopped for it).
    const parkLogin = (cli) => {
      cli("login", "--server", server.url, "--user", "park", "--password", "park-password");
      cli("sync");
    };
    const signedHere = sharedWorkspace(entitled, parkLogin);
    const refusedHere = sharedWorkspace(notEntitled, parkLogin);

    // Approved in the lifecycle section: ✓ with park's roster name.
    const app = await signedHere.open();
    await openTheAsset(app);
    await app.click("life-approve");
    await app.waitForTestId("disposal-dialog");
    await app.type("life-note", "보증 만료 확인");
    const since = Date.now();
    await app.click("disposal-dialog-save");
    const mark = await app.waitFor(
      async () => {
        const found = await app.byTestId("decision-check");
        return (await found.isExisting()) && found;
      },
      { message: "the approval's check" },
    );
    assert.equal(await mark.getAttribute("data-verdict"), "valid");
    assert.equal(await mark.getAttribute("data-action"), "approve_disposal");
    assert.match(await mark.getText(), /^✓ 서명 확인됨 · 박지훈 · /);
    await app.screenshot("decision-signed");

    // The app syncs; kim's device gets the approval and judges it by its own roster.
    await waitForSyncedSince(app, since, "the app after the approval");
    kim(entitled, "sync");
    const life = JSON.parse(kim(entitled, "asset", "life", tag, "--json"));
    assert.equal(life.life.disposal.stage, "approved");
    assert.equal(life.life.disposal.decided_by, "박지훈");
    assert.deepEqual(
      life.decisions.map((check) => [check.action, check.verdict, check.signer_name]),
      [["approve_disposal", "valid", "박지훈"]],
    );
    assert.match(
      kim(entitled, "asset", "life", tag),
      /decisions:\n {2}approve_disposal\t✓ valid\tsigned by 박지훈 \(/,
    );

    // Where park holds no approve_disposals: the buttons are off with the reason in Korean,
    // the command itself is refused the same way, and nothing is written.
    await refusedHere.open();
    await openTheAsset(app);
    assert.equal(await (await app.byTestId("life-approve")).isEnabled(), false);
    assert.equal(await (await app.byTestId("life-reject")).isEnabled(), false);
    assert.equal(await app.text("life-decide-blocked"), notEntitledWords);
    await app.screenshot("decision-not-entitled");
    const id = JSON.parse(kim(notEntitled, "asset", "life", tag, "--json")).asset.asset.id;
    const refusal = await app.session.executeAsync(
      (args, done) => {
        window.__TAURI_INTERNALS__.invoke("life_disposal_decide", args).then(
          () => done("written"),
          (error) => done(JSON.stringify(error)),
        );
      },
      {
        id,
        today: new Date().toISOString().slice(0, 10),
        input: { approve: true, note: "", on: "" },
      },
    );
    assert.match(refusal, /"code":"not_entitled"/);
    const after = await app.invoke("life_get", { id });
    assert.equal(after.disposal.stage, "requested");
    assert.equal(after.disposal.decision, null);
    assert.deepEqual(await app.invoke("life_decisions", { id }), []);
    const status = await app.invoke("sync_status", {});
    assert.equal(status.pending, 0, JSON.stringify(status));
  },
);
