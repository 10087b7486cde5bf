// A full disk in the real window (issue 15), the app's data dir on a small tmpfs mounted for
// the test. While the disk is full, a scanned file attached to an asset and an edit of its
// notes are each refused with "the disk is full: nothing was saved" in Korean (never
// "damaged"), and the register still reads. Once space is freed, 저장 on the same form saves
// the edit in the same app process, and the scan attaches; after the window is closed the
// real CLI reads every edit the app acknowledged.
//
// The scan is what hung the app before: sled wrote a leaf of its chunks to a file of its own,
// and a failure there left the store unable to flush or reopen, so the first edit after
// space was freed never returned (see `SledTree::apply` in crates/core/src/store/kv.rs).
//
// Mounting needs root (CI runs as root). Where it is refused the test skips and says why; the
// disk-full path is then covered below the app (core's `tests::faults`).
//
// Its own app and data dir: the shared app's data dir is not on a small disk.
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { runCli, startApp } from "../harness.mjs";
import { SmallDisk } from "../smallDisk.mjs";

const workspaceName = "평택 1센터";
const diskFullText = /디스크가 가득 차서 아무것도 저장하지 않았습니다/;

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

/**
 * Edits the open asset's notes through the form: "saved" once the form has closed and the
 * detail shows the new notes, "refused" while the form stays open with its error.
 */
async function editNotes(app, notes) {
  await app.click("edit-asset");
  await app.waitForTestId("asset-form");
  await app.type("field-notes", notes);
  return saveForm(app, notes);
}

/** Presses 저장 on the open asset form; "saved" or "refused" as `editNotes` says. */
async function saveForm(app, notes) {
  // A refusal shown before is marked, so that only a new one counts.
  await app.session.execute(() =>
    document.querySelector('[data-testid="form-error"]')?.setAttribute("data-before", ""),
  );
  await app.click("save-asset");
  const outcome = await app.waitFor(
    async () => {
      const refused = await app.session.execute(
        () => document.querySelector('[data-testid="form-error"]:not([data-before])') !== null,
      );
      if (refused) return "refused";
      if (!(await (await app.byTestId("asset-form")).isExisting())) return "saved";
      return false;
    },
    { message: "the edit to be saved or refused" },
  );
  if (outcome === "saved") await app.waitForText("detail-notes", new RegExp(notes));
  return outcome;
}

/** Attaches `file` to the open asset as a user picks it (WebDriver types the path into the
 * file input); resolves to the section's error once shown, or "attached" once listed. */
async function attach(app, file) {
  await (await app.session.$('[data-testid="attach-input"]')).setValue(file);
  return app.waitFor(
    async () => {
      const state = await app.session.execute((name) => {
        const section = document.querySelector('[data-testid="attachments"]');
        const error = section?.querySelector('[role="alert"]');
        if (error) return error.textContent;
        return section?.querySelector(`[data-testid="attachment-row"][data-name="${name}"]`)
          ? "attached"
          : null;
      }, path.basename(file));
      return state;
    },
    { message: `${path.basename(file)} to be attached or refused` },
  );
}

test(
  "a full disk refuses edits in the window with its reason, reads go on, and the same edit saves once space is freed",
  { timeout: 240_000 },
  async (t) => {
    const mounted = SmallDisk.mount(16);
    if (mounted.refused !== undefined) {
      const reason = `cannot mount a small tmpfs here (${mounted.refused}); core's injected faults cover a full disk`;
      console.log(reason);
      t.skip(reason);
      return;
    }
    const { disk } = mounted;
    // A scan of 1 MiB that does not compress, off the small disk: more than the store's log
    // file holds once the disk is full.
    const scan = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cloudwright-scan-")), "scan.pdf");
    fs.writeFileSync(scan, randomBytes(1024 * 1024));
    let app;
    t.after(async () => {
      // The app holds files on the disk: it goes first.
      if (app !== undefined) await app.close();
      disk.unmount();
      fs.rmSync(path.dirname(scan), { recursive: true, force: true });
    });
    const dataDir = path.join(disk.path, "data");
    const cli = (...args) => runCli(["--data-dir", dataDir, "--workspace", workspaceName, ...args]);
    cli("demo", "--assets", "30", "--seed", "1");
    const [edited, other] = JSON.parse(cli("asset", "list", "--json")).rows.map(
      (row) => row.asset.asset_tag,
    );
    const notes = ["디스크가 차기 전 메모", "공간을 비운 뒤 메모"];

    app = await startApp({ dataDir });
    await app.waitForText("asset-count", "총 30개");
    await openAsset(app, edited);
    assert.equal(await editNotes(app, notes[0]), "saved");

    // The disk fills. A scanned file attached to the asset is refused, nothing of it saved.
    const filler = disk.fill();
    const attachRefusal = await attach(app, scan);
    assert.match(attachRefusal, /^scan\.pdf: /);
    assert.match(attachRefusal, diskFullText);
    assert.doesNotMatch(attachRefusal, /손상/, "a full disk is not damage");

    // The register still reads: another asset, never opened before, with its history (read
    // from the store's documents), and the edited asset as last saved, without the scan.
    await app.click("detail-close");
    await openAsset(app, other);
    await app.waitForTestId("history-entry");
    await app.click("detail-close");
    await openAsset(app, edited);
    assert.match(await app.text("detail-notes"), new RegExp(notes[0]));
    assert.equal(await (await app.byTestId("attachment-row")).isExisting(), false);

    // An edit of the notes is refused with the same words, under the form's buttons.
    assert.equal(await editNotes(app, notes[1]), "refused");
    const refusal = await app.text("form-error");
    assert.match(refusal, diskFullText);
    assert.doesNotMatch(refusal, /손상/, "a full disk is not damage");
    await app.screenshot("disk-full");
    assert.ok(disk.freeBytes() < 64 * 1024, "the disk is still full");

    // Space is freed: 저장 again on the same form saves the edit, in the same app process,
    // and the scan is attached.
    fs.rmSync(filler);
    assert.equal(await saveForm(app, notes[1]), "saved", "the same edit once space is freed");
    assert.equal(await attach(app, scan), "attached");

    // Closed as a user closes it (the workspace is backed up on closing, on the same disk),
    // the real CLI reads every acknowledged edit in order, and the scan.
    await app.closeWindow();
    const shown = JSON.parse(cli("asset", "show", edited, "--json"));
    assert.equal(shown.asset.notes, notes[2]);
    const notesHistory = shown.history
      .flatMap((entry) => entry.changes.filter((change) => change.field === "notes"))
      .map((change) => change.after)
      .reverse();
    assert.deepEqual(notesHistory.slice(-2), notes);
    assert.deepEqual(
      shown.history.filter((entry) => entry.op === "attach").length,
      1,
      "the scan attached once",
    );
    // The scan's bytes, read out of the store by the CLI's export.
    const exported = path.join(path.dirname(scan), "export");
    cli("workspace", "export", exported);
    const sha256 = createHash("sha256").update(fs.readFileSync(scan)).digest("hex");
    assert.deepEqual(fs.readFileSync(path.join(exported, "blobs", sha256)), fs.readFileSync(scan));
    assert.equal(JSON.parse(cli("asset", "list", "--json")).total, 30);
    assert.equal(JSON.parse(cli("store", "backups", "--json")).length, 1, "the closing backup");
  },
);
