// Local backups without asking, in the real window: the app backs up the open workspace when
// its window is closed (the real CLI lists that backup), the backups screen lists it, "back up
// now" adds one, the workspace goes out to a folder and comes back in as a new workspace, and
// a backup restored into a new workspace opens with every asset.
//
// This test starts its own app on its own data dir rather than using the shared app: it closes
// the window as a user does and checks what the process wrote while exiting, and it counts the
// backups in the data dir, where the shared app's other workspaces are backed up whenever it
// closes and its daily backup may come due during a long suite.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { runCli, startApp } from "../harness.mjs";

const workspaceName = "백업-데모";

/** The backups listed on the screen, by name, top first. */
function listedBackups(app) {
  return app.session.execute(() =>
    [...document.querySelectorAll('[data-testid="backup-row"]')].map((row) => row.dataset.name),
  );
}

test(
  "the app backs up on closing; the backups screen backs up now and restores into a new workspace",
  { timeout: 300_000 },
  async (t) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cloudwright-backups-"));
    t.after(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const cli = (...args) => runCli(["--data-dir", dataDir, "--workspace", workspaceName, ...args]);
    cli("demo", "--assets", "300", "--racks", "2", "--cables", "40", "--seed", "5");
    // A file in the workspace (a cable's test report), so that backups carry blobs too.
    const cable = JSON.parse(cli("cable", "list", "--json"))[0];
    const report = path.join(dataDir, "..", `${path.basename(dataDir)}-report.csv`);
    fs.writeFileSync(report, "port,result\nA,pass\n");
    t.after(() => fs.rmSync(report, { force: true }));
    cli("cable", "test", cable.label, "--pass", "--report", report);
    const assetCount = JSON.parse(cli("asset", "list", "--json")).total;
    assert.ok(assetCount >= 300, `the demo has ${assetCount} assets`);

    const app = await startApp({ dataDir });
    t.after(() => app.close());
    await app.waitForText("asset-count", `총 ${assetCount.toLocaleString("en-US")}개`);
    await app.click("nav-backups");
    await app.waitForText("backups-empty", /아직 백업이 없습니다[\s\S]*앱을 닫을 때/);

    // Closing the window backs the workspace up; the window goes first, then the process.
    const closing = await app.closeWindow();
    assert.ok(closing.hiddenMs <= closing.exitedMs, JSON.stringify(closing));
    const afterClosing = JSON.parse(runCli(["--data-dir", dataDir, "store", "backups", "--json"]));
    assert.equal(afterClosing.length, 1, "one backup, taken on closing");
    const [closed] = afterClosing;
    assert.equal(closed.workspace.name, workspaceName);
    assert.ok(closed.counts.documents > assetCount, JSON.stringify(closed.counts));
    assert.equal(closed.counts.blobs, 1, "the cable's test report is in the backup");
    const listed = runCli(["--data-dir", dataDir, "store", "backups"]);
    assert.match(listed, new RegExp(`^${closed.name}\\t${workspaceName}\\t`, "m"));

    // The screen lists it after the app starts again.
    await app.openSession();
    await app.click("nav-backups");
    await app.waitFor(async () => (await listedBackups(app)).length === 1, {
      message: "the backup taken on closing to be listed",
    });
    assert.deepEqual(await listedBackups(app), [closed.name]);
    assert.match(
      await app.text("backup-counts"),
      new RegExp(`문서 ${closed.counts.documents.toLocaleString("en-US")}개 · 파일 1개`),
    );

    // Back up now: the list grows by one, newest first, and says so.
    await app.click("backup-now");
    await app.waitFor(async () => (await listedBackups(app)).length === 2, {
      message: "the backup taken now to be listed",
    });
    const names = await listedBackups(app);
    assert.equal(names[1], closed.name, "the backup taken on closing is second");
    assert.ok(names[0] > closed.name, `the new backup ${names[0]} is newer`);
    await app.waitForText("backup-list", /최신/);

    // The screen at the smallest window it is laid out for.
    await app.session.setWindowSize(1280, 800);
    await app.screenshot("backups");

    // Export the workspace to a folder through the screen, then import that folder: this
    // computer has the workspace, so the import is refused until asked for as a new one.
    const exportDir = path.join(dataDir, "..", `${path.basename(dataDir)}-export`);
    t.after(() => fs.rmSync(exportDir, { recursive: true, force: true }));
    await app.click("backup-export-open");
    await app.type("backup-export-folder", exportDir);
    await app.click("backup-export-confirm");
    await app.waitFor(() => fs.existsSync(path.join(exportDir, "manifest.json")), {
      message: "the export's manifest (the folder is renamed into place whole)",
    });
    const exported = JSON.parse(fs.readFileSync(path.join(exportDir, "manifest.json"), "utf8"));
    assert.equal(exported.workspace.name, workspaceName);
    assert.equal(exported.counts.blobs, 1);
    await app.click("backup-import-open");
    await app.type("backup-import-folder", exportDir);
    await app.click("backup-import-confirm");
    await app.waitForText(
      "backup-import",
      new RegExp(`이미 '${workspaceName}' 작업공간이 있습니다`),
    );
    await app.click("backup-import-as-new");
    const importedText = await app.waitForText(
      "backup-opened-text",
      new RegExp(
        `^'(.+)' 작업공간을 가져왔습니다: 자산 ${assetCount.toLocaleString("en-US")}개\\.$`,
      ),
      { timeoutMs: 60_000 },
    );
    const importedName = /^'(.+)' 작업공간을/.exec(importedText)[1];
    await app.click("dialog-close");

    // Restore the backup taken on closing into a new workspace, then open that.
    await (
      await app.session.$(`[data-name="${closed.name}"] [data-testid="backup-restore"]`)
    ).click();
    const dialog = await app.text("backup-restore-dialog");
    assert.match(dialog, /새 작업공간을 만듭니다/);
    // The particle the name takes ('백업-데모'는), never 은(는).
    assert.match(dialog, new RegExp(`지금 작업공간 '${workspaceName}'는 그대로 두며`));
    const restoredName = await (await app.byTestId("backup-restore-name")).getValue();
    assert.match(
      restoredName,
      new RegExp(`^${workspaceName} \\(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\)$`),
    );
    await app.screenshot("backups-restore");
    await app.click("backup-restore-confirm");
    await app.waitForText(
      "backup-opened-text",
      `'${restoredName}' 작업공간을 만들었습니다: 자산 ${assetCount.toLocaleString("en-US")}개.`,
      { timeoutMs: 60_000 },
    );
    await app.click("backup-open-workspace");
    await app.waitForText("workspace-current", restoredName);
    await app.waitForText("asset-count", `총 ${assetCount.toLocaleString("en-US")}개`);

    // The real CLI sees the three workspaces with every asset, and the copies have the file.
    await app.closeSession();
    const workspaces = JSON.parse(runCli(["--data-dir", dataDir, "workspace", "list", "--json"]));
    assert.deepEqual(
      workspaces.map((w) => w.name).sort(),
      [importedName, restoredName, workspaceName].sort(),
    );
    const original = JSON.parse(cli("cable", "list", "--json")).find(
      (row) => row.label === cable.label,
    );
    assert.equal(original.tests.length, cable.tests.length + 1, "the test with its report");
    for (const name of [restoredName, importedName]) {
      const copy = (...args) => runCli(["--data-dir", dataDir, "--workspace", name, ...args]);
      assert.equal(JSON.parse(copy("asset", "list", "--json")).total, assetCount, name);
      const copied = JSON.parse(copy("cable", "list", "--json")).find(
        (row) => row.label === cable.label,
      );
      assert.deepEqual(copied?.tests, original.tests, `${name} has ${cable.label}'s tests`);
    }
  },
);
