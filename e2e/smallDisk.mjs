// A tmpfs of a few megabytes for disk-full tests, as tests/integration's `SmallDisk` does it:
// mounted on a temp dir for one test, filled with a file until the disk refuses more, freed by
// removing that file, unmounted at the end. Mounting needs root (or CAP_SYS_ADMIN), which CI
// has; where it is refused, `mount` says why and the test skips with that reason.
//
//   const disk = SmallDisk.mount(16);   // { disk } or { refused: "mount: … permission denied" }
//   const filler = disk.fill();         // the disk is full
//   fs.rmSync(filler);                  // space again
//   disk.unmount();                     // after every process using it has exited
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export class SmallDisk {
  /** A tmpfs of `megabytes` on a new temp dir, or why it could not be mounted. */
  static mount(megabytes) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cloudwright-small-disk-"));
    const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${megabytes}m`, "tmpfs", dir], {
      encoding: "utf8",
    });
    if (mounted.error !== undefined || mounted.status !== 0) {
      fs.rmSync(dir, { recursive: true, force: true });
      const why =
        mounted.error?.message ??
        (mounted.stderr.trim().split("\n")[0] || `exit ${mounted.status}`);
      return { refused: why };
    }
    return { disk: new SmallDisk(dir) };
  }

  constructor(dir) {
    this.path = dir;
  }

  /** Free bytes on the disk, as `statfs` counts them. */
  freeBytes() {
    const stats = fs.statfsSync(this.path);
    return stats.bavail * stats.bsize;
  }

  /** Writes a file until the disk refuses more (big writes, then single bytes); its path. */
  fill() {
    const filler = path.join(this.path, "filler");
    const fd = fs.openSync(filler, "w");
    try {
      for (const size of [1024 * 1024, 4096, 1]) {
        const chunk = Buffer.alloc(size);
        try {
          while (fs.writeSync(fd, chunk) > 0);
        } catch (error) {
          if (error.code !== "ENOSPC") throw error;
        }
      }
    } finally {
      fs.closeSync(fd);
    }
    return filler;
  }

  /** Unmounts the disk (lazily if something still holds it) and removes the mount point. */
  unmount() {
    if (spawnSync("umount", [this.path]).status !== 0) spawnSync("umount", ["-l", this.path]);
    fs.rmSync(this.path, { recursive: true, force: true });
  }
}
