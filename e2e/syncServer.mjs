// A real `cloudwright-sync` process for end-to-end tests: a temp data dir, admin commands to
// create the workspace and users, `serve` on a port chosen once so that a stopped server can
// come back at the same address (the apps remember it).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createServer } from "node:net";
import { repoRoot, waitFor } from "./harness.mjs";

const defaultBinary = path.join(repoRoot, "target", "debug", "cloudwright-sync");

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export class SyncServer {
  constructor() {
    this.binary = process.env.CLOUDWRIGHT_SYNC ?? defaultBinary;
    if (!fs.existsSync(this.binary)) {
      throw new Error(`${this.binary} does not exist: build it first (make build)`);
    }
    this.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cloudwright-sync-e2e-"));
    this.process = undefined;
    this.log = "";
  }

  /** Runs `cloudwright-sync admin --data-dir … ARGS` and returns its stdout. */
  admin(args, input) {
    const result = spawnSync(this.binary, ["admin", "--data-dir", this.dataDir, ...args], {
      encoding: "utf8",
      input,
    });
    if (result.status !== 0) {
      throw new Error(`cloudwright-sync admin ${args.join(" ")}: ${result.stderr}`);
    }
    return result.stdout;
  }

  /** Serves on the port chosen at the first start; `args` are more `serve` flags, kept for
   * every later start (a restart serves as before). */
  async start(args = this.serveArgs ?? []) {
    this.serveArgs = args;
    this.port ??= await freePort();
    this.url = `http://127.0.0.1:${this.port}`;
    const child = spawn(
      this.binary,
      ["serve", "--data-dir", this.dataDir, "--listen", `127.0.0.1:${this.port}`, ...args],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    this.process = child;
    let stdout = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (this.log += chunk));
    await waitFor(() => stdout.includes("listening on"), {
      message: `cloudwright-sync to listen on ${this.port}`,
      context: () => this.log,
    });
  }

  /** SIGTERM and wait for a clean exit (the server drains in-flight requests first). */
  async stop() {
    const child = this.process;
    if (child === undefined || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
    this.process = undefined;
  }

  async close() {
    await this.stop();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}
