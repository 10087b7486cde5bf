// Nothing stops a sync, seen in the window (issue 17): a real cloudwright-sync that takes
// bodies of at most 64 KiB. The app's device attaches a 200 KB photo and a small PDF to a
// server: the photo is refused as too large and stays on the device while the PDF and the
// record sync; the findings inbox says how large it is against the server's limit. Then an
// administrator quarantines the asset on the server; the device's next edit of it is refused
// on its own, the record is set aside as refused by the server, and the inbox says so, in
// Korean and in English, while other edits keep syncing.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { runCli } from "../harness.mjs";
import { sharedWorkspace } from "../sharedApp.mjs";
import { SyncServer } from "../syncServer.mjs";

const workspaceName = "서버 한도";
const tag = "PT1-SRV-0301";
const otherTag = "PT1-SRV-0302";
const limitArgs = ["--max-body-bytes", "65536"];

/** Attaches `file` to the open asset as a user picks it; waits until it is listed. */
async function attach(app, file) {
  await (await app.session.$('[data-testid="attach-input"]')).setValue(file);
  await app.waitFor(
    () =>
      app.session.execute(
        (name) =>
          document.querySelector(`[data-testid="attachment-row"][data-name="${name}"]`) !== null,
        path.basename(file),
      ),
    { message: `${path.basename(file)} to be attached` },
  );
}

/** The findings the app lists, once `wanted(findings)` holds. */
async function findingsWhen(app, wanted, message) {
  let last;
  await app.waitFor(
    async () => {
      await app.invoke("sync_now", {}).catch(() => undefined);
      last = await app.invoke("findings_list", {});
      return wanted(last);
    },
    { timeoutMs: 30_000, message: () => `${message} (findings: ${JSON.stringify(last)})` },
  );
  return last;
}

/** The inbox row of `kind`, its text once shown. */
async function rowText(app, kind) {
  await app.click("findings-nav");
  const row = await app.waitFor(
    async () => {
      const found = await app.session.$(`[data-testid="finding-row"][data-kind="${kind}"]`);
      return (await found.isExisting()) && found;
    },
    { message: `a ${kind} row in the findings inbox` },
  );
  return row.getText();
}

test(
  "a file too large for the server and a record the server refuses are kept and shown as findings; the rest syncs",
  { timeout: 300_000 },
  async (t) => {
    const server = new SyncServer();
    t.after(() => server.close());
    server.admin(["workspace", "create", workspaceName]);
    for (const user of ["kim", "lee"]) {
      server.admin([
        "user",
        "add",
        user,
        "--password",
        `${user}-password`,
        "--workspace",
        workspaceName,
        "--role",
        "editor",
      ]);
    }
    await server.start(limitArgs);
    const files = fs.mkdtempSync(path.join(os.tmpdir(), "cloudwright-files-"));
    const leeDir = fs.mkdtempSync(path.join(os.tmpdir(), "cloudwright-lee-"));
    t.after(() => {
      fs.rmSync(files, { recursive: true, force: true });
      fs.rmSync(leeDir, { recursive: true, force: true });
    });
    const photo = path.join(files, "rack-photo.png");
    fs.writeFileSync(photo, Buffer.from(Array.from({ length: 200_000 }, (_, n) => (n * 7) % 251)));
    const note = path.join(files, "반입확인서.pdf");
    fs.writeFileSync(note, "%PDF-1.4 반입 확인서");
    const lee = (...args) => runCli(["--data-dir", leeDir, "--workspace", workspaceName, ...args]);

    const workspace = sharedWorkspace(workspaceName, (cli) => {
      cli("login", "--server", server.url, "--user", "kim", "--password", "kim-password");
      for (const assetTag of [tag, otherTag]) {
        cli("asset", "add", "--asset-tag", assetTag, "--type", "server", "--status", "in_use");
      }
      cli("sync");
      return JSON.parse(cli("asset", "show", tag, "--json")).asset.asset.id;
    });
    const app = await workspace.open();
    const id = workspace.seeded;

    // Both files attached in the window; the photo is refused by the server and kept here.
    await app.waitForText("asset-count", "총 2개", { timeoutMs: 30_000 });
    await app.type("search-input", tag);
    await app.waitFor(
      async () => {
        const tags = await app.session.execute(() =>
          [...document.querySelectorAll('[data-testid="asset-row"]')].map(
            (row) => row.dataset.assetTag,
          ),
        );
        return tags.length === 1 && tags[0] === tag;
      },
      { message: `one row for ${tag}` },
    );
    await app.click("asset-row");
    await app.waitForText("detail-asset-tag", tag);
    await attach(app, photo);
    await attach(app, note);
    await app.invoke("sync_now", {});
    await findingsWhen(
      app,
      (found) => found.some((finding) => finding.kind === "file_too_large"),
      "the photo marked too large",
    );
    const tooLarge = await rowText(app, "file_too_large");
    assert.match(tooLarge, /서버에 올리기에 너무 큰 파일/);
    assert.match(tooLarge, /이 서버에는 너무 큽니다: 195 KB, 한도는 64 KB입니다/);
    await app.screenshot("finding-file-too-large");

    // Everything else went up: another device gets the record and the PDF, not the photo.
    lee("login", "--server", server.url, "--user", "lee", "--password", "lee-password");
    const fetched = lee("sync");
    assert.match(fetched, /files up 0, down 1\b/);
    assert.equal(JSON.parse(lee("asset", "show", tag, "--json")).asset.asset.asset_tag, tag);

    // An administrator quarantines the asset; the app's next edit of it is refused alone.
    await workspace.whileStopped(async () => {
      await server.stop();
      server.admin([
        "doc",
        "quarantine",
        workspaceName,
        `asset/${id}`,
        "--reason",
        "시험: 격리한 기록",
      ]);
      await server.start();
      workspace.cli("asset", "edit", tag, "--notes", "격리 뒤 수정");
      workspace.cli("asset", "edit", otherTag, "--notes", "다른 기록은 계속 동기화");
      workspace.cli("sync");
    });
    await findingsWhen(
      app,
      (found) =>
        found.some(
          (finding) => finding.kind === "set_aside" && finding.aside.reason === "refused_by_server",
        ),
      "the quarantined asset set aside",
    );
    const aside = await rowText(app, "set_aside");
    assert.match(aside, /서버가 받지 않은 기록/);
    assert.match(aside, new RegExp(tag));
    await app.screenshot("finding-refused-by-server");

    // The other record's edit reached the server.
    lee("sync");
    assert.equal(
      JSON.parse(lee("asset", "show", otherTag, "--json")).asset.asset.notes,
      "다른 기록은 계속 동기화",
    );

    // In English.
    await app.click("language-en");
    await app.waitFor(async () => /Not taken by the server/.test(await rowText(app, "set_aside")), {
      message: "the set-aside row in English",
    });
    assert.match(
      await rowText(app, "file_too_large"),
      /Too large for this server: 195 KB, the limit is 64 KB/,
    );
    await app.click("language-ko");
  },
);
