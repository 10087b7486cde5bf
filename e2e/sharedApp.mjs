// One app for many end-to-end tests: every test that asks for a shared workspace uses the same
// running app (one Xvfb, tauri-driver and app process for the whole run, see suite.mjs), and
// gets a workspace of its own in the app's one data dir instead of a process of its own.
//
//   const workspace = sharedWorkspace("랙-데모", (cli) => {   // at the top of a test file
//     cli("demo", "--racks", "20", "--seed", "3");            // the real CLI, before the app runs
//     return JSON.parse(cli("rack", "show", "A-R03", "--json"));
//   });
//   test("…", async () => {
//     const app = await workspace.open();   // that workspace, in Korean, on a fresh page
//     const rack = workspace.seeded;        // what the seed returned
//     await workspace.whileStopped(() => workspace.cli("asset", "show", "X", "--json"));
//   });
//
// The store allows one process at a time (sled), so the CLI cannot write while the app runs:
// every workspace registered so far is seeded before the app starts (test files register
// theirs when imported, before any test runs); one registered later stops the app for its
// seed. Before each test the app is checked: one that stopped answering (a test crashed it, or
// left it stopped) is started again, so one failing test does not fail the next.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after } from "node:test";
import { runCli, startApp } from "./harness.mjs";

/** Every shared workspace, by name (names are unique in a data dir). */
const workspaces = new Map();
/** The data dir every shared workspace lives in; made when the app is first needed. */
let dataDir;
/** The running shared app, or undefined before the first test that needs it. */
let app;

after(async () => {
  if (app !== undefined) await app.close();
  app = undefined;
  if (dataDir !== undefined && process.env.CLOUDWRIGHT_E2E_KEEP !== "1") {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

/**
 * Registers a workspace named `name` for one test (or a few tests that mean to share it),
 * made by `seed(cli)` before the app starts; `cli(...args)` runs the real CLI on this
 * workspace. Without a seed the workspace is created empty. Call it at module level.
 */
export function sharedWorkspace(name, seed = (cli) => cli("workspace", "create", name)) {
  if (workspaces.has(name)) {
    throw new Error(`two shared workspaces are named ${name}: give each test its own`);
  }
  const workspace = new SharedWorkspace(name, seed);
  workspaces.set(name, workspace);
  return workspace;
}

class SharedWorkspace {
  constructor(name, seed) {
    this.name = name;
    this.seed = seed;
    this.made = false;
    /** What `seed` returned. */
    this.seeded = undefined;
    this.seedFailure = undefined;
  }

  /** The real CLI on this workspace; only while the app is stopped (see `whileStopped`). */
  cli = (...args) => runCli([...args, "--data-dir", dataDir, "--workspace", this.name]);

  /** The shared app showing this workspace's asset list, in Korean, on a freshly loaded page. */
  async open() {
    const running = await sharedApp();
    if (this.seedFailure !== undefined) throw this.seedFailure;
    await running.showWorkspace(this.name);
    return running;
  }

  /**
   * Quits the app, runs `work` (the CLI may use the data dir then), and starts the app again,
   * which reopens this workspace (the last one used): a restart, with a gap in the middle.
   */
  async whileStopped(work) {
    await app.closeSession();
    try {
      return await work();
    } finally {
      await app.openSession();
      await app.waitForText("workspace-current", this.name);
    }
  }
}

/** Runs the seed of every workspace not made yet; the app must not be running. */
function seedPending() {
  for (const workspace of workspaces.values()) {
    if (workspace.made) continue;
    workspace.made = true;
    try {
      workspace.seeded = workspace.seed(workspace.cli);
    } catch (error) {
      // Only the test that owns this workspace fails for it.
      workspace.seedFailure = error;
    }
  }
}

/** The shared app, started (or started again) as needed, with every workspace seeded. */
async function sharedApp() {
  const pending = [...workspaces.values()].some((workspace) => !workspace.made);
  if (app === undefined) {
    dataDir ??= fs.mkdtempSync(path.join(os.tmpdir(), "cloudwright-shared-"));
    seedPending();
    app = await startApp({ dataDir });
    return app;
  }
  if (pending) {
    await app.closeSession();
    seedPending();
  }
  if (await answers(app)) return app;
  try {
    await app.restart();
    if (await answers(app)) return app;
  } catch {
    // Its driver is gone too: start everything again below.
  }
  const broken = app;
  app = undefined;
  await broken.close();
  app = await startApp({ dataDir });
  return app;
}

/** Whether the app has a session whose page runs a script within a few seconds. */
async function answers(running) {
  if (running.session === undefined) return false;
  const reply = running.session.execute(() => document.readyState).catch(() => undefined);
  const timeout = new Promise((resolve) => setTimeout(resolve, 5_000, undefined).unref());
  return (await Promise.race([reply, timeout])) !== undefined;
}
