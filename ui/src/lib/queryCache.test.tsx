import { act, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { call } from "../ipc";
import { emitEvent } from "../test/ipcMock";
import { cacheKey, QueryCache, stableStringify } from "./queryCache";
import { CacheProvider, useCommand } from "./useCommand";

vi.mock("../ipc", async (importOriginal) =>
  (await import("../test/ipcMock")).mockedIpc(importOriginal as never),
);

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

describe("QueryCache", () => {
  it("keys by command and arguments regardless of key order", () => {
    expect(stableStringify({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe('{"a":[1,{"c":3,"d":2}],"b":1}');
    expect(cacheKey("asset_query", { query: { search: "a", limit: 100 } })).toBe(
      cacheKey("asset_query", { query: { limit: 100, search: "a" } }),
    );
  });

  it("fetches once and shares a running fetch", async () => {
    const cache = new QueryCache();
    const fetcher = vi.fn(() => Promise.resolve(42));
    const [a, b] = await Promise.all([cache.fetch("k", fetcher), cache.fetch("k", fetcher)]);
    expect([a, b]).toEqual([42, 42]);
    await cache.fetch("k", fetcher);
    expect(fetcher).toHaveBeenCalledTimes(1);
  });

  it("keeps showing stale data after invalidation and refetches once", async () => {
    const cache = new QueryCache();
    let value = 1;
    const fetcher = vi.fn(() => Promise.resolve(value));
    await cache.fetch("asset_query:1", fetcher);
    await cache.fetch("workspace:1", fetcher);
    value = 2;
    cache.invalidate((key) => key.startsWith("asset_"));
    expect(cache.read("asset_query:1")).toMatchObject({ data: 1, stale: true, loading: false });
    expect(cache.read("workspace:1")).toMatchObject({ data: 1, stale: false });
    expect(await cache.fetch("asset_query:1", fetcher)).toBe(2);
    expect(cache.read("asset_query:1")).toMatchObject({ data: 2, stale: false });
    expect(fetcher).toHaveBeenCalledTimes(3);
  });

  it("treats a result that was in flight during an invalidation as stale", async () => {
    const cache = new QueryCache();
    const slow = deferred<string>();
    const pending = cache.fetch("k", () => slow.promise);
    cache.invalidate();
    slow.resolve("old");
    await pending;
    expect(cache.read("k")).toMatchObject({ data: "old", stale: true });
    expect(await cache.fetch("k", () => Promise.resolve("new"))).toBe("new");
  });

  it("notifies subscribers on every change", async () => {
    const cache = new QueryCache();
    const listener = vi.fn();
    cache.subscribe(listener);
    await cache.fetch("k", () => Promise.resolve(1));
    cache.invalidate();
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it("evicts old entries beyond its size", async () => {
    const cache = new QueryCache(10);
    for (let index = 0; index < 30; index += 1)
      await cache.fetch(`k${index}`, () => Promise.resolve(index));
    expect(cache.has("k0")).toBe(false);
    expect(cache.has("k29")).toBe(true);
  });
});

describe("useCommand and the workspace_changed event", () => {
  beforeEach(() => {
    vi.mocked(call).mockReset();
  });

  function Probe() {
    const result = useCommand("asset_get", { id: "A1" });
    return <span data-testid="probe">{result.data?.asset.model ?? "…"}</span>;
  }

  it("refetches asset queries when Rust reports a change", async () => {
    let model = "R750";
    vi.mocked(call).mockImplementation(async () => ({ asset: { model } }) as never);
    render(
      <CacheProvider cache={new QueryCache()}>
        <Probe />
      </CacheProvider>,
    );
    await waitFor(() => expect(screen.getByTestId("probe").textContent).toBe("R750"));
    expect(call).toHaveBeenCalledTimes(1);

    model = "R760";
    await act(async () => emitEvent("workspace_changed", { workspace_id: "W" }));
    await waitFor(() => expect(screen.getByTestId("probe").textContent).toBe("R760"));
    expect(call).toHaveBeenCalledTimes(2);
    expect(call).toHaveBeenLastCalledWith("asset_get", { id: "A1" });
  });
});
