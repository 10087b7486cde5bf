import { invoke } from "@tauri-apps/api/core";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { attachFile, call, CommandError, uploadArgs, uploadArgsHeader } from "./ipc";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

describe("ipc", () => {
  beforeEach(() => {
    vi.mocked(invoke).mockReset();
  });

  it("sends an attachment as raw bytes with its arguments in the x-args header", async () => {
    vi.mocked(invoke).mockResolvedValue({ sha256: "aa", name: "랙 사진.jpg" });
    const bytes = new Uint8Array([1, 2, 3]);
    const meta = { id: "01A", name: "랙 사진 (전면).jpg", mime: "image/jpeg" };
    await attachFile(meta, bytes);

    expect(invoke).toHaveBeenCalledTimes(1);
    const [name, body, options] = vi.mocked(invoke).mock.calls[0]!;
    expect(name).toBe("asset_attach");
    expect(body).toBe(bytes);
    expect(uploadArgsHeader).toBe("x-args");
    const header = (options?.headers as Record<string, string>)["x-args"]!;
    expect(header).toBe(uploadArgs(meta));
    // Header values must be ASCII; Rust percent-decodes them back to the JSON.
    expect(/^[\x20-\x7e]*$/.test(header)).toBe(true);
    expect(JSON.parse(decodeURIComponent(header))).toEqual(meta);
  });

  it("maps attachment refusals to CommandError like call()", async () => {
    vi.mocked(invoke).mockRejectedValue({ kind: "attachment_too_large", message: "over 64 MiB" });
    const failure: unknown = await attachFile(
      { id: "01A", name: "a.img", mime: "" },
      new Uint8Array([0]),
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CommandError);
    expect(failure).toMatchObject({ command: "asset_attach", kind: "attachment_too_large" });

    vi.mocked(invoke).mockRejectedValue("command asset_attach not found");
    await expect(call("sync_now", {})).rejects.toMatchObject({ kind: "ipc" });
  });
});
