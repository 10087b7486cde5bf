// Members and roles end to end (issue 16): a real cloudwright-sync with two workspaces. In the
// first, park (a workspace admin, logged in on the shared app) grants kim a purchase approval
// up to 5,000,000원 for two categories on the members screen, and revokes the key of kim's
// second laptop (lost); kim's devices (the CLI, data dirs of their own) see both in
// `cloudwright members` after a sync. In the second, lee is a viewer: the app says so on every
// screen, its edit actions do nothing, and the edit command itself is refused (read_only)
// with nothing written.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { runCli } from "../harness.mjs";
import { sharedWorkspace } from "../sharedApp.mjs";
import { SyncServer } from "../syncServer.mjs";

const team = "회원 관리";
const viewing = "조회 전용";
const tag = "PT1-SRV-0201";
const readOnlyWords = "보기 전용 계정입니다 — 변경할 수 없습니다";

/** A key's id as the roster names it: the first 16 hex digits of its SHA-256. */
function keyId(publicHex) {
  return createHash("sha256").update(Buffer.from(publicHex, "hex")).digest("hex").slice(0, 16);
}

/** A CSS selector for the member row of `name`, and something inside it. */
function inRow(name, testId) {
  return `[data-testid="member-row"][data-name="${name}"] [data-testid="${testId}"]`;
}

test(
  "an admin grants a capability on the members screen and kim's device sees it after a sync; a viewer's app is read-only and cannot save an edit",
  { timeout: 300_000 },
  async (t) => {
    const server = new SyncServer();
    t.after(() => server.close());
    const accounts = [
      [team, "park", "박서준", "admin"],
      [team, "kim", "김민준", "editor"],
      [team, "choi", "최지우", "auditor"],
      [team, "lee", "이서연", "viewer"],
      [viewing, "kim", "김민준", "editor"],
      [viewing, "lee", "이서연", "viewer"],
    ];
    for (const name of [team, viewing]) server.admin(["workspace", "create", name]);
    for (const [workspace, user, shown, role] of accounts) {
      const args = ["user", "add", user, "--password", `${user}-password`];
      server.admin([...args, "--workspace", workspace, "--role", role, "--display-name", shown]);
    }
    await server.start();

    // kim, on a device of their own, is in both; in the second they register a server. A second
    // laptop of kim's logs in to the first too (the one that gets lost).
    const device = (name) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cloudwright-${name}-`));
      t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
      return (workspace, ...args) => runCli(["--data-dir", dir, "--workspace", workspace, ...args]);
    };
    const kim = device("kim");
    const kimsLostLaptop = device("kim-lost");
    const logIn = (cli, workspace) =>
      cli(
        workspace,
        "login",
        "--server",
        server.url,
        "--user",
        "kim",
        "--password",
        "kim-password",
      );
    for (const workspace of [team, viewing]) logIn(kim, workspace);
    logIn(kimsLostLaptop, team);
    kimsLostLaptop(team, "sync");
    kim(viewing, "asset", "add", "--asset-tag", tag, "--type", "server", "--owner", "운영팀");
    for (const workspace of [team, viewing]) kim(workspace, "sync");
    const before = JSON.parse(kim(team, "members", "--json"));
    const kimBefore = before.members.find((member) => member.name === "김민준");
    assert.deepEqual(kimBefore.grants, []);

    // park and lee log in on the shared app's data dir (the CLI, while the app is stopped).
    const login = (user) => (cli) => {
      cli("login", "--server", server.url, "--user", user, "--password", `${user}-password`);
      cli("sync");
    };
    const parksWorkspace = sharedWorkspace(team, login("park"));
    const leesWorkspace = sharedWorkspace(viewing, login("lee"));

    // park, an admin, on the members screen: the roster, and no read-only banner.
    const app = await parksWorkspace.open();
    await app.click("nav-members");
    await app.waitForTestId("member-list");
    assert.equal(await (await app.byTestId("access-banner")).isExisting(), false);
    assert.match(await app.text("members-me-line"), /^박서준 · 관리자$/);
    assert.match(await app.text("roster-version"), /에 서버가 서명한 명단 · 버전 \d+$/);

    // The grant, through the dialog: a purchase approval with its amount and categories.
    await (await app.session.$(inRow("김민준", "member-grant-open"))).click();
    await app.waitForTestId("member-grant-dialog");
    await (await app.byTestId("grant-capability")).selectByAttribute("value", "approve_purchases");
    await app.type("grant-max-amount", "5,000,000");
    await app.type("grant-categories", "서버, 네트워크");
    await app.click("member-confirm");
    await app.waitFor(
      async () => !(await (await app.byTestId("member-grant-dialog")).isExisting()),
      { timeoutMs: 30_000, message: "the grant dialog to close once the server answered" },
    );
    await app.waitForText("toast", "김민준에게 '구매 승인' 권한을 부여했습니다.");
    const grant = await app.session.$(inRow("김민준", "member-grant"));
    await grant.waitForExist({ timeout: 10_000 });
    assert.equal(await grant.getAttribute("data-capability"), "approve_purchases");
    assert.match(await grant.getText(), /구매 승인\s*최대 5,000,000원 · 품목: 서버, 네트워크/);

    // kim's laptop is lost: park revokes its key, after reading what stays valid.
    const lostKey = keyId(
      JSON.parse(kimsLostLaptop(team, "members", "--json"))
        .members.find((member) => member.name === "김민준")
        .keys.at(-1).public,
    );
    const lostKeyRow = `[data-testid="member-key"][data-key-id="${lostKey}"]`;
    const revokeLost = `${lostKeyRow} [data-testid="member-revoke-key"]`;
    await (await app.session.$(revokeLost)).click();
    await app.waitForText(
      "member-revoke-dialog",
      /폐기 전에 이 키로 서명한 결정은 그대로 유효하며/,
    );
    await app.waitForText(
      "member-revoke-dialog",
      /폐기 후에 이 키로 서명한 결정은 서버가 거부하고/,
    );
    await app.click("member-confirm");
    await app.waitFor(
      async () => (await (await app.session.$(lostKeyRow)).getAttribute("data-revoked")) === "true",
      { timeoutMs: 30_000, message: "the lost laptop's key to be listed revoked" },
    );
    assert.equal(await (await app.session.$(revokeLost)).isExisting(), false);

    // The screen at the smallest window it is laid out for, then back to the app's own size.
    const size = await app.session.getWindowSize();
    await app.session.setWindowSize(1280, 800);
    await app.session.execute(() => document.activeElement?.blur());
    await app.screenshot("members");
    await app.session.setWindowSize(size.width, size.height);

    // kim's device sees the grant after a sync.
    kim(team, "sync");
    const after = JSON.parse(kim(team, "members", "--json"));
    assert.ok(after.version > before.version, `${after.version} after ${before.version}`);
    const grants = after.members.find((member) => member.name === "김민준").grants;
    assert.equal(grants.length, 1, JSON.stringify(grants));
    assert.equal(grants[0].capability, "approve_purchases");
    assert.equal(grants[0].max_amount_krw, 5_000_000);
    assert.deepEqual(grants[0].categories, ["서버", "네트워크"]);
    assert.match(
      kim(team, "members"),
      /capability approve_purchases {2}up to 5,000,000 KRW {2}categories 서버, 네트워크/,
    );
    // The lost laptop, should it sync again, learns its key was revoked.
    kimsLostLaptop(team, "sync");
    const lostKim = JSON.parse(kimsLostLaptop(team, "members", "--json")).members.find(
      (member) => member.name === "김민준",
    );
    const revoked = lostKim.keys.find((key) => keyId(key.public) === lostKey);
    assert.equal(typeof revoked.revoked_at_ms, "number", JSON.stringify(lostKim.keys));

    // lee, a viewer: the reason on every screen, edit actions that do nothing.
    await leesWorkspace.open();
    await app.waitForText("access-banner", readOnlyWords);
    const newAsset = await app.waitForTestId("new-asset");
    assert.equal(await newAsset.getAttribute("aria-disabled"), "true");
    assert.equal(await newAsset.getAttribute("title"), readOnlyWords);
    await newAsset.click();
    assert.equal(await (await app.byTestId("asset-form")).isExisting(), false);
    await app.waitForText("asset-count", "총 1개", { timeoutMs: 30_000 });
    await app.click("asset-row");
    await app.waitForText("detail-asset-tag", tag);
    const edit = await app.byTestId("edit-asset");
    assert.equal(await edit.getAttribute("aria-disabled"), "true");
    await edit.click();
    assert.equal(await (await app.byTestId("asset-form")).isExisting(), false);
    await app.screenshot("members-viewer");

    // A screen that has not caught up cannot save either: the command is refused before
    // anything is written, and nothing waits to be pushed.
    const { asset } = (
      await app.invoke("asset_query", {
        query: { search: tag, filters: [], offset: 0, limit: 1 },
      })
    ).rows[0];
    const refusal = await app.session.executeAsync(
      (args, done) => {
        window.__TAURI_INTERNALS__.invoke("asset_edit", args).then(
          () => done("written"),
          (error) => done(error),
        );
      },
      { id: asset.id, input: { owner: "보안팀" } },
    );
    assert.equal(refusal.kind, "read_only", JSON.stringify(refusal));
    assert.equal(refusal.problems[0].code, "read_only");
    assert.equal((await app.invoke("asset_get", { id: asset.id })).asset.owner, "운영팀");
    const status = await app.invoke("sync_status", {});
    assert.equal(status.pending, 0, JSON.stringify(status));
    // The members screen says why the list cannot be changed here.
    await app.click("nav-members");
    await app.waitForText("members-read-only", /작업공간 관리자/);
    assert.match(await app.text("members-me-line"), /^이서연 · 보기 전용$/);
  },
);
