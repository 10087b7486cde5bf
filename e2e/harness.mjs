// End-to-end harness: the real desktop binary in a real WebKitGTK window on a private Xvfb
// display, driven over WebDriver through tauri-driver (which starts WebKitWebDriver).
//
//   const app = await startApp();          // fresh temp data dir, own display, own driver
//   t.after(() => app.close());            // always: ends the session and every process
//   await app.waitForText("app-title", "Cloudwright");
//   await app.click("language-switch");
//   await app.restart();                   // same data dir, new app process
//   await app.closeWindow();               // closed as a user closes it; then openSession()
//   await app.showWorkspace("랙-데모");     // that workspace on a freshly loaded page
//
// Most tests do not call startApp themselves: they take a workspace in the shared app
// (sharedApp.mjs). startApp is for a test that needs a process or a data dir of its own.
//
// How the data dir reaches the app: tauri-driver passes its own environment to
// WebKitWebDriver, which passes it to the application it launches. So CLOUDWRIGHT_DATA_DIR
// (and XDG_* dirs, which keep the webview's own storage out of the user's home) are set on the
// tauri-driver process; `app.processEnvironment()` reads them back from /proc to prove it.
//
// Waiting is always polling against a deadline (`waitFor`), never a fixed sleep.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { remote } from "webdriverio";
import { X11 } from "./x11.mjs";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const screenshotDir = path.join(repoRoot, "e2e", "screenshots");
const defaultApplication = path.join(repoRoot, "target", "debug", "cloudwright-app");
const defaultCli = path.join(repoRoot, "target", "debug", "cloudwright");

const defaultTimeoutMs = 20_000;
const pollIntervalMs = 100;
const screenSize = "1600x1000x24";

/** Process groups still alive; killed synchronously if the test process exits early. */
const liveGroups = new Set();
process.on("exit", () => {
  for (const pid of liveGroups) killGroup(pid, "SIGKILL");
});

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // Already gone.
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Polls `condition` until it returns a truthy value or the deadline passes. Exceptions thrown by
 * the condition count as "not yet" (an element not rendered yet throws, for example) and the
 * last one is reported if time runs out. `message` may be a function, evaluated at timeout.
 */
export async function waitFor(condition, { timeoutMs = defaultTimeoutMs, message, context } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const reason = lastError ? `; last error: ${lastError.message ?? lastError}` : "";
      const extra = context ? `\n${context()}` : "";
      const what = typeof message === "function" ? message() : (message ?? "condition");
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${reason}${extra}`);
    }
    await delay(pollIntervalMs);
  }
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** GET without keep-alive (an idle pooled socket would hold the test process open). */
function httpStatusOk(url) {
  return new Promise((resolve) => {
    const request = http.get(url, { agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on("error", () => resolve(false));
  });
}

/** Spawns a command in its own process group so that stopping it also stops its children. */
function spawnGroup(command, args, options) {
  const child = spawn(command, args, { ...options, detached: true });
  if (child.pid !== undefined) liveGroups.add(child.pid);
  child.on("exit", () => liveGroups.delete(child.pid));
  return child;
}

/** Stops a process group: SIGTERM, then SIGKILL if it has not exited by the deadline. */
async function stopGroup(child, { graceMs = 5_000 } = {}) {
  if (child === undefined || child.pid === undefined) return;
  const exited =
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise((resolve) => child.once("exit", resolve));
  killGroup(child.pid, "SIGTERM");
  const outcome = await Promise.race([exited.then(() => "exited"), delay(graceMs, "timeout")]);
  // The leader may be gone while children of the group live on; SIGKILL the group regardless.
  killGroup(child.pid, "SIGKILL");
  if (outcome === "timeout") await exited;
  liveGroups.delete(child.pid);
}

/** Starts Xvfb on a display number it picks itself (-displayfd), so parallel runs never clash. */
async function startXvfb(logFd) {
  const xvfb = spawnGroup(
    "Xvfb",
    ["-displayfd", "3", "-screen", "0", screenSize, "-nolisten", "tcp"],
    {
      stdio: ["ignore", logFd, logFd, "pipe"],
    },
  );
  let announced = "";
  xvfb.stdio[3].on("data", (chunk) => {
    announced += chunk.toString();
  });
  const failed = new Promise((_, reject) => {
    xvfb.once("error", (error) => reject(new Error(`cannot start Xvfb: ${error.message}`)));
    xvfb.once("exit", (code) => reject(new Error(`Xvfb exited early with code ${code}`)));
  });
  const display = await Promise.race([
    waitFor(() => announced.includes("\n") && `:${announced.trim()}`, {
      message: "Xvfb to pick a display",
    }),
    failed,
  ]);
  return { xvfb, display };
}

function makeDir(dir) {
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

function findOnPath(name) {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir !== "" && fs.existsSync(candidate)) return candidate;
  }
  const cargoBin = path.join(os.homedir(), ".cargo", "bin", name);
  if (fs.existsSync(cargoBin)) return cargoBin;
  throw new Error(`${name} is not on PATH (run scripts/setup.sh)`);
}

/** Parent pid of every process, read from /proc/<pid>/stat. */
function parentPids() {
  const parents = new Map();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name may contain spaces or parentheses; fields after the last ")" are fixed.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parents.set(Number(entry), Number(fields[1]));
    } catch {
      // The process ended while we were looking.
    }
  }
  return parents;
}

function descendantsOf(rootPid) {
  const parents = parentPids();
  const found = [];
  let frontier = [rootPid];
  while (frontier.length > 0) {
    const next = [];
    for (const [pid, parent] of parents) if (frontier.includes(parent)) next.push(pid);
    found.push(...next);
    frontier = next;
  }
  return found;
}

function readTail(file, lines = 40) {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/**
 * Runs the real `cloudwright` CLI (target/debug/cloudwright), for example to seed a data dir
 * before `startApp({ dataDir })`. Returns stdout; throws with stderr if it fails.
 */
export function runCli(args, { cli = process.env.CLOUDWRIGHT_CLI ?? defaultCli, env = {} } = {}) {
  const result = spawnSync(cli, args, { encoding: "utf8", env: { ...process.env, ...env } });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(
      `cloudwright ${args.join(" ")} exited with ${result.status}:\n${result.stderr}`,
    );
  }
  return result.stdout;
}

/**
 * Starts the app on its own display with its own tauri-driver and a data dir (a fresh temp dir
 * unless `dataDir` is given). Call `close()` when done, in `t.after` or `after`.
 */
export async function startApp({
  dataDir,
  application = process.env.CLOUDWRIGHT_APP ?? defaultApplication,
  env = {},
} = {}) {
  if (!fs.existsSync(application)) {
    throw new Error(`${application} does not exist: build the app first (make build)`);
  }
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), "cloudwright-e2e-"));
  const app = new App({
    runDir,
    dataDir: dataDir ?? makeDir(path.join(runDir, "data")),
    application: fs.realpathSync(application),
  });
  try {
    await app.start(env);
    return app;
  } catch (error) {
    await app.close();
    throw error;
  }
}

export class App {
  constructor({ runDir, dataDir, application }) {
    this.runDir = runDir;
    this.dataDir = dataDir;
    this.application = application;
    this.logFile = path.join(runDir, "driver.log");
    /** @type {import("webdriverio").Browser | undefined} */
    this.session = undefined;
  }

  async start(extraEnv) {
    this.logFd = fs.openSync(this.logFile, "a");
    const { xvfb, display } = await startXvfb(this.logFd);
    this.xvfb = xvfb;
    this.display = display;

    this.port = await freePort();
    const nativePort = await freePort();
    const xdg = (name) => makeDir(path.join(this.runDir, name));
    // Exports and printed PDFs go to Downloads: keep it in the run dir, not the user's home.
    this.downloadDir = makeDir(path.join(this.runDir, "downloads"));
    fs.writeFileSync(
      path.join(xdg("xdg-config"), "user-dirs.dirs"),
      `XDG_DOWNLOAD_DIR="${this.downloadDir}"\n`,
    );
    this.driver = spawnGroup(
      process.env.TAURI_DRIVER ?? findOnPath("tauri-driver"),
      ["--port", String(this.port), "--native-port", String(nativePort)],
      {
        stdio: ["ignore", this.logFd, this.logFd],
        env: {
          ...process.env,
          DISPLAY: display,
          GDK_BACKEND: "x11",
          // No accessibility bus inside Xvfb; without this GTK warns on every start.
          NO_AT_BRIDGE: "1",
          CLOUDWRIGHT_DATA_DIR: this.dataDir,
          // The webview keeps localStorage and caches under XDG dirs: keep them per run too.
          XDG_DATA_HOME: xdg("xdg-data"),
          XDG_CONFIG_HOME: xdg("xdg-config"),
          XDG_CACHE_HOME: xdg("xdg-cache"),
          ...extraEnv,
        },
      },
    );
    const driverFailed = new Promise((_, reject) => {
      this.driver.once("error", (error) =>
        reject(new Error(`cannot start tauri-driver: ${error.message}`)),
      );
      this.driver.once("exit", (code) =>
        reject(new Error(`tauri-driver exited with code ${code}\n${this.logTail()}`)),
      );
    });
    driverFailed.catch(() => {}); // Only observed while starting up.
    await Promise.race([
      waitFor(() => httpStatusOk(`http://127.0.0.1:${this.port}/status`), {
        message: `tauri-driver on port ${this.port}`,
        context: () => this.logTail(),
      }),
      driverFailed,
    ]);
    await this.openSession();
  }

  /** Launches the app by creating a WebDriver session, then waits for the page to load. */
  async openSession() {
    try {
      this.session = await remote({
        hostname: "127.0.0.1",
        port: this.port,
        logLevel: "error",
        connectionRetryCount: 0,
        connectionRetryTimeout: 60_000,
        capabilities: {
          "tauri:options": { application: this.application },
          // WebKitWebDriver speaks classic WebDriver only, not WebDriver BiDi.
          "wdio:enforceWebDriverClassic": true,
        },
      });
    } catch (error) {
      throw new Error(`cannot create a WebDriver session: ${error.message}\n${this.logTail()}`);
    }
    await this.waitFor(() => this.session.execute(() => document.readyState === "complete"), {
      message: "the page to load",
    });
  }

  /** Ends the session and waits until the app process has exited (it holds the data dir). */
  async closeSession() {
    if (this.session === undefined) return;
    const appPids = this.appPids();
    try {
      await this.session.deleteSession();
    } catch {
      // The app may already be gone; the process check below is what matters.
    }
    this.session = undefined;
    try {
      await waitFor(() => appPids.every((pid) => !isAlive(pid)), {
        timeoutMs: 10_000,
        message: "the app to exit after the session ended",
      });
    } catch {
      for (const pid of appPids) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // Exited just now.
        }
      }
    }
  }

  /**
   * Closes the app's window as a user does (the close button: a WM_DELETE_WINDOW message, see
   * x11.mjs), waits for the app to finish what it does on closing and exit by itself, then
   * ends the WebDriver session. `closeSession` instead ends the session, which kills the app.
   * Resolves to how long after the request the window stopped showing and the process ended.
   */
  async closeWindow({ timeoutMs = 60_000 } = {}) {
    const [pid] = await this.waitFor(
      () => {
        const pids = this.appPids();
        return pids.length > 0 && pids;
      },
      { message: "the app process" },
    );
    const x = await X11.connect(this.display);
    try {
      const window = await this.waitFor(() => x.topLevelWindowOf(pid), {
        message: "the app's window on the display",
      });
      const requested = performance.now();
      await x.requestClose(window);
      let hiddenMs;
      const exitedMs = await this.waitFor(
        async () => {
          if (hiddenMs === undefined && !(await x.isViewable(window))) {
            hiddenMs = performance.now() - requested;
          }
          return !isAlive(pid) && performance.now() - requested;
        },
        { timeoutMs, message: "the app to exit after its window was closed" },
      );
      return { hiddenMs: hiddenMs ?? exitedMs, exitedMs };
    } finally {
      x.close();
      await this.closeSession();
    }
  }

  /** Quits the app and starts it again on the same data dir. */
  async restart() {
    await this.closeSession();
    await this.openSession();
  }

  /** Ends the session and stops every process this harness started; removes temp dirs. */
  async close() {
    await this.closeSession().catch(() => {});
    await stopGroup(this.driver);
    await stopGroup(this.xvfb);
    if (this.logFd !== undefined) fs.closeSync(this.logFd);
    this.logFd = undefined;
    if (process.env.CLOUDWRIGHT_E2E_KEEP === "1") {
      console.log(`# kept e2e run dir ${this.runDir}`);
    } else {
      fs.rmSync(this.runDir, { recursive: true, force: true });
    }
  }

  /** Pids of running app processes launched for this harness (descendants of tauri-driver). */
  appPids() {
    if (this.driver?.pid === undefined) return [];
    return descendantsOf(this.driver.pid).filter((pid) => {
      try {
        return fs.readlinkSync(`/proc/${pid}/exe`) === this.application;
      } catch {
        return false;
      }
    });
  }

  /** The environment the running app process actually received, read from /proc. */
  async processEnvironment() {
    const [pid] = await this.waitFor(
      () => {
        const pids = this.appPids();
        return pids.length > 0 && pids;
      },
      { message: "the app process" },
    );
    const raw = fs.readFileSync(`/proc/${pid}/environ`, "utf8");
    return Object.fromEntries(
      raw
        .split("\0")
        .filter((entry) => entry.includes("="))
        .map((entry) => [entry.slice(0, entry.indexOf("=")), entry.slice(entry.indexOf("=") + 1)]),
    );
  }

  /**
   * Shows the workspace named `name` the way a user finds it on starting the app: its asset
   * list, in Korean, on a freshly loaded page, so nothing a previous test left open (a dialog,
   * a screen, a search, the language) is still there. This is how a shared app (sharedApp.mjs)
   * hands each test its own workspace.
   */
  async showWorkspace(name) {
    const { workspaces } = await this.invoke("app_state", {});
    const workspace = workspaces.find((meta) => meta.name === name);
    if (workspace === undefined) {
      const names = workspaces.map((meta) => meta.name).join(", ");
      throw new Error(`no workspace named ${name} in ${this.dataDir} (there are: ${names})`);
    }
    await this.invoke("set_language", { language: "ko" });
    await this.invoke("workspace_open", { id: workspace.id });
    // The window keeps the language in localStorage too; the marker tells the old page from
    // the reloaded one.
    await this.session.execute(() => {
      localStorage.clear();
      sessionStorage.clear();
      window.cloudwrightPageBeforeReload = true;
    });
    await this.session.refresh();
    await this.waitFor(
      () =>
        this.session.execute(
          () => window.cloudwrightPageBeforeReload !== true && document.readyState === "complete",
        ),
      { message: "the page to load again" },
    );
    await this.waitForText("workspace-current", name);
  }

  /** Calls one of the app's commands as the window does; rejects with the command's error. */
  async invoke(command, args) {
    const outcome = await this.session.executeAsync(
      (name, payload, done) => {
        window.__TAURI_INTERNALS__.invoke(name, payload).then(
          (value) => done({ ok: true, value }),
          (error) => done({ ok: false, error }),
        );
      },
      command,
      args,
    );
    if (!outcome.ok) throw new Error(`${command} failed: ${JSON.stringify(outcome.error)}`);
    return outcome.value;
  }

  logTail(lines) {
    return `--- tauri-driver / WebKitWebDriver / app log (${this.logFile}) ---\n${readTail(this.logFile, lines)}`;
  }

  /** `waitFor` with the driver log attached to the timeout message. */
  waitFor(condition, options = {}) {
    return waitFor(condition, { context: () => this.logTail(), ...options });
  }

  /** The element with `data-testid="<testId>"` (it may not exist yet). */
  byTestId(testId) {
    return this.session.$(`[data-testid="${testId}"]`);
  }

  /** Waits until the element with this test id is displayed and returns it. */
  async waitForTestId(testId, options = {}) {
    return this.waitFor(
      async () => {
        const element = await this.byTestId(testId);
        return (await element.isDisplayed()) && element;
      },
      { message: `[data-testid="${testId}"] to be displayed`, ...options },
    );
  }

  /** Waits until the element's text equals `expected` (a string) or matches it (a RegExp). */
  async waitForText(testId, expected, options = {}) {
    let last;
    return this.waitFor(
      async () => {
        last = await (await this.waitForTestId(testId, { timeoutMs: 1_000 })).getText();
        return (expected instanceof RegExp ? expected.test(last) : last === expected) && last;
      },
      {
        message: () =>
          `[data-testid="${testId}"] text ${expected} (last seen: ${JSON.stringify(last)})`,
        ...options,
      },
    );
  }

  async text(testId) {
    return (await this.waitForTestId(testId)).getText();
  }

  async click(testId) {
    await (await this.waitForTestId(testId)).click();
  }

  /** Replaces the value of an input or textarea. */
  async type(testId, text) {
    const element = await this.waitForTestId(testId);
    await element.clearValue();
    await element.setValue(text);
  }

  /** Saves a PNG of the window to e2e/screenshots/<name>.png and returns its path. */
  async screenshot(name) {
    // WebKit paints no text until the web font has loaded; wait for it and for the next two
    // animation frames so the capture shows what a user would see.
    await this.waitFor(() => this.session.execute(() => document.fonts.status === "loaded"), {
      message: "web fonts to load",
    });
    await this.session.executeAsync((done) =>
      requestAnimationFrame(() => requestAnimationFrame(() => done(true))),
    );
    fs.mkdirSync(screenshotDir, { recursive: true });
    const file = path.join(screenshotDir, `${name}.png`);
    // Capture the X display itself, not WebDriver's snapshot: it shows exactly what the window
    // shows, and WebKitWebDriver's snapshot never returns when the app renders without
    // accelerated compositing (the app's default). `-trim` drops the empty screen around it.
    const capture = spawnSync(
      "import",
      ["-display", this.display, "-window", "root", "-trim", "+repage", file],
      {
        encoding: "utf8",
      },
    );
    if (capture.status !== 0) {
      throw new Error(`screenshot of ${this.display} failed: ${capture.stderr || capture.error}`);
    }
    return file;
  }
}
