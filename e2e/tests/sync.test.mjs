// Team sync end to end: a real cloudwright-sync server and two real app windows with their own
// data dirs. Both log in through the login dialog, work offline while the server is down
// (including a concurrent edit of one field), and once the server is back each shows the
// other's work; the conflict is settled in the findings inbox and the settlement reaches the
// other window. Then a copy of an app's data dir (the CLI on it) and the app it was copied
// from converge, each with a login of its own.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { runCli, startApp } from "../harness.mjs";
import { SyncServer } from "../syncServer.mjs";

const workspace = "평택 1센터";

async function login(app, server, user, password, screenshot) {
  await app.click("first-run-login");
  await app.waitForTestId("login-dialog");
  await app.type("login-server", server.url);
  await app.type("login-user", user);
  await app.type("login-password", password);
  if (screenshot) await app.screenshot(screenshot);
  await app.click("login-submit");
  await app.waitForText("workspace-current", workspace);
}

async function syncState(app) {
  return (await app.byTestId("sync-status")).getAttribute("data-state");
}

async function waitForState(app, wanted, message) {
  let last;
  await app.waitFor(
    async () => {
      last = await syncState(app);
      return last === wanted;
    },
    { timeoutMs: 30_000, message: () => `${message}: sync state ${wanted} (last ${last})` },
  );
}

/** Asks for a sync now through the status popover (opened if it is not), then closes it. */
async function syncNow(app) {
  if (!(await (await app.byTestId("sync-now")).isDisplayed().catch(() => false))) {
    await app.click("sync-status");
  }
  await app.waitFor(async () => (await app.byTestId("sync-now")).isEnabled(), {
    message: "sync-now to be enabled",
  });
  await app.click("sync-now");
  await closePopover(app);
}

async function closePopover(app) {
  await app.session.keys("Escape");
  if (await (await app.byTestId("sync-popover")).isDisplayed().catch(() => false)) {
    await app.click("sync-status");
  }
  await app.waitFor(
    async () => !(await (await app.byTestId("sync-popover")).isDisplayed().catch(() => false)),
    { message: "the sync popover to close" },
  );
}

/** Empties the search box the way a user does (WebDriver's clear fires no input event). */
async function clearSearch(app) {
  await app.waitForTestId("search-input");
  await app.session.execute(() => document.querySelector('[data-testid="search-input"]').focus());
  await app.session.keys(["Control", "a"]);
  await app.session.keys("Backspace");
}

async function register(app, tag, owner) {
  await app.click("new-asset");
  await app.type("field-asset_tag", tag);
  await app.type("field-owner", owner);
  await app.click("save-asset");
  await app.waitForText("detail-asset-tag", tag);
  await app.click("detail-close");
}

/** Searches for `tag`, waits until its row is the only one, and opens its detail. */
async function openAsset(app, tag) {
  await app.type("search-input", tag);
  await app.waitFor(
    async () => {
      const tags = await app.session.execute(() =>
        [...document.querySelectorAll('[data-testid="asset-row"]')].map((r) => r.dataset.assetTag),
      );
      return tags.length === 1 && tags[0] === tag;
    },
    { message: `one row for ${tag}` },
  );
  await app.click("asset-row");
  await app.waitForText("detail-asset-tag", tag);
}

async function editOwner(app, tag, owner) {
  await openAsset(app, tag);
  await app.click("edit-asset");
  await app.type("field-owner", owner);
  await app.click("save-asset");
  await app.waitForText("toast", /저장됨/);
  await app.click("detail-close");
  await clearSearch(app);
}

test(
  "two apps edit offline, the server comes back, each shows the other's edits; a conflict is settled",
  { timeout: 400_000 },
  async (t) => {
    const server = new SyncServer();
    t.after(() => server.close());
    server.admin(["workspace", "create", workspace]);
    for (const user of ["kim", "lee"]) {
      server.admin([
        "user",
        "add",
        user,
        "--password",
        `${user}-password`,
        "--workspace",
        workspace,
        "--role",
        "editor",
      ]);
    }
    await server.start();

    const a = await startApp();
    t.after(() => a.close());
    const b = await startApp();
    t.after(() => b.close());

    // Both start empty and log in through the dialog; the server's workspace appears locally.
    await login(a, server, "kim", "kim-password", "sync-login");
    await waitForState(a, "synced", "a after login");
    await register(a, "PT1-SRV-0001", "운영팀");
    await login(b, server, "lee", "lee-password");
    await b.waitForText("asset-count", "총 1개", { timeoutMs: 30_000 });
    await waitForState(b, "synced", "b after login");
    await a.screenshot("sync-synced");

    // The server goes away; both keep working and say they are offline.
    await server.stop();
    await register(a, "PT1-A-0001", "김민준");
    await register(b, "PT1-B-0001", "이서연");
    await editOwner(a, "PT1-SRV-0001", "인프라팀");
    await editOwner(b, "PT1-SRV-0001", "네트워크팀");
    await waitForState(a, "offline", "a without a server");
    await waitForState(b, "offline", "b without a server");
    assert.match(await a.text("sync-pending"), /2/);
    await a.click("sync-status");
    await a.waitForTestId("sync-explanation");
    await a.screenshot("sync-offline");
    await closePopover(a);

    // The server is back: each window gets the other's asset without a restart.
    await server.start();
    await syncNow(a);
    await syncNow(b);
    await syncNow(a);
    await a.waitForText("asset-count", "총 3개", { timeoutMs: 30_000 });
    await b.waitForText("asset-count", "총 3개", { timeoutMs: 30_000 });
    for (const app of [a, b]) {
      await app.type("search-input", "PT1-");
      await app.waitFor(
        async () => {
          const tags = await app.session.execute(() =>
            [...document.querySelectorAll('[data-testid="asset-row"]')]
              .map((r) => r.dataset.assetTag)
              .sort(),
          );
          return (
            JSON.stringify(tags) === JSON.stringify(["PT1-A-0001", "PT1-B-0001", "PT1-SRV-0001"])
          );
        },
        { message: "all three assets listed" },
      );
      await clearSearch(app);
    }

    // The owner was changed on both sides: a conflict in the findings inbox, settled on A.
    await a.waitForText("findings-badge", "1", { timeoutMs: 30_000 });
    await a.click("findings-nav");
    await a.waitForTestId("finding-row");
    const values = await a.session.execute(() =>
      [...document.querySelectorAll('[data-testid="resolve-option"]')].map((o) => o.textContent),
    );
    const chosen = values.findIndex((text) => text.includes("인프라팀"));
    assert.ok(
      chosen >= 0 && values.some((text) => text.includes("네트워크팀")),
      JSON.stringify(values),
    );
    await a.screenshot("findings-conflict");
    await (await a.session.$$('[data-testid="resolve-choice"]'))[chosen].click();
    await a.click("resolve-submit");
    await a.waitForTestId("findings-empty");

    // B receives the settlement: its inbox empties and the owner is the chosen one.
    await syncNow(b);
    await b.waitFor(
      async () => {
        await syncNow(b);
        const badge = await b.byTestId("findings-badge");
        return !(await badge.isExisting());
      },
      { timeoutMs: 40_000, message: "b's findings to clear" },
    );
    await openAsset(b, "PT1-SRV-0001");
    await b.waitForText("detail-owner", /인프라팀/, { timeoutMs: 30_000 });
  },
);

/** Waits until the list shows exactly `expected` (sorted) for `search`, then clears it. */
async function waitForTags(app, search, expected) {
  let last;
  await app.type("search-input", search);
  await app.waitFor(
    async () => {
      last = await app.session.execute(() =>
        [...document.querySelectorAll('[data-testid="asset-row"]')]
          .map((r) => r.dataset.assetTag)
          .sort(),
      );
      return JSON.stringify(last) === JSON.stringify(expected);
    },
    { message: () => `rows ${JSON.stringify(expected)} (last seen ${JSON.stringify(last)})` },
  );
  await clearSearch(app);
}

/**
 * Waits until the app has finished a sync pass after `since` (ms since the epoch) with nothing
 * left to send: what the status pill shows, read through the same command.
 */
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

// A data directory copied to a second laptop (issue 15): a plain file copy of the app's data
// dir, taken while the app is closed, shares the original's device id and login token. The
// copy (the CLI) syncs an edit first; then the app on the original meets the server's
// `client_copied`, renews its token and goes on as a new device. Each gets the other's edit,
// and logging out of the copy leaves the app logged in. (The other order, both sides through
// the CLI, is tests/integration/sync_copied_device.rs.)
test(
  "a copied data directory and the app it was copied from each get the other's edits; a logout on the copy leaves the app logged in",
  { timeout: 240_000 },
  async (t) => {
    const server = new SyncServer();
    t.after(() => server.close());
    server.admin(["workspace", "create", workspace]);
    server.admin([
      "user",
      "add",
      "kim",
      "--password",
      "kim-password",
      "--workspace",
      workspace,
      "--role",
      "editor",
    ]);
    await server.start();
    const copyDir = fs.mkdtempSync(path.join(os.tmpdir(), "cloudwright-copied-"));
    t.after(() => fs.rmSync(copyDir, { recursive: true, force: true }));
    const copy = (...args) => runCli(["--data-dir", copyDir, "--workspace", workspace, ...args]);
    const copyTags = () =>
      JSON.parse(copy("asset", "list", "--json"))
        .rows.map((row) => row.asset.asset_tag)
        .sort();
    const add = (tag) =>
      copy("asset", "add", "--asset-tag", tag, "--type", "server", "--status", "in_stock");

    // The app logs in, registers an asset and syncs it; then its window is closed and its
    // whole data dir copied.
    const app = await startApp();
    t.after(() => app.close());
    await login(app, server, "kim", "kim-password");
    let since = Date.now();
    await register(app, "PT1-SRV-0001", "운영팀");
    await waitForSyncedSince(app, since, "the app after its first asset");
    await app.closeWindow();
    fs.cpSync(app.dataDir, copyDir, { recursive: true });
    const clientId = (dataDir) =>
      JSON.parse(
        runCli(["--data-dir", dataDir, "--workspace", workspace, "sync", "status", "--json"]),
      ).binding.client_id;
    const original = clientId(app.dataDir);
    assert.equal(clientId(copyDir), original, "the copy has the same device id");

    // The copy adds an asset and syncs first, under the device id both share.
    add("PT1-B-0001");
    copy("sync");

    // The app starts again on the original: its first sync is refused as a copy's, it goes on
    // as a new device and gets the copy's asset (at once: within the sync worker's 30 s quiet
    // interval); then it adds one of its own.
    await app.openSession();
    await app.waitForText("workspace-current", workspace);
    await app.waitForText("asset-count", "총 2개", { timeoutMs: 15_000 });
    since = Date.now();
    await register(app, "PT1-A-0001", "김민준");
    await waitForSyncedSince(app, since, "the app after its own asset");
    await waitForTags(app, "PT1-", ["PT1-A-0001", "PT1-B-0001", "PT1-SRV-0001"]);

    // The copy's next sync brings the app's asset.
    copy("sync");
    assert.deepEqual(copyTags(), ["PT1-A-0001", "PT1-B-0001", "PT1-SRV-0001"]);

    // Logging out of the copy leaves the app logged in: its next edit syncs.
    copy("logout");
    since = Date.now();
    await register(app, "PT1-A-0002", "김민준");
    await waitForSyncedSince(app, since, "the app after the copy logged out");
    assert.equal(await syncState(app), "synced");
    assert.throws(() => copy("sync"), /exited with/, "the copy is logged out");

    // The app, not the copy, went on as a new device; the server has the app's last asset.
    await app.closeSession();
    assert.equal(clientId(copyDir), original, "the copy synced first and kept the id");
    assert.notEqual(clientId(app.dataDir), original, "the app took a new one");
    const another = fs.mkdtempSync(path.join(os.tmpdir(), "cloudwright-another-"));
    t.after(() => fs.rmSync(another, { recursive: true, force: true }));
    const third = (...args) => runCli(["--data-dir", another, "--workspace", workspace, ...args]);
    third("login", "--server", server.url, "--user", "kim", "--password", "kim-password");
    third("sync");
    assert.deepEqual(
      JSON.parse(third("asset", "list", "--json"))
        .rows.map((row) => row.asset.asset_tag)
        .sort(),
      ["PT1-A-0001", "PT1-A-0002", "PT1-B-0001", "PT1-SRV-0001"],
    );
  },
);
