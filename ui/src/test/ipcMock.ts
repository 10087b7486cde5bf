// The ipc module with `call`, `attachFile` and `onEvent` replaced, for
// `vi.mock("../ipc", ...)`. The real CommandError class is kept so screens can recognise it.
import { vi } from "vitest";
import type * as Ipc from "../ipc";

export type EventHandler = (payload: unknown) => void;

/** Handlers subscribed through the mocked onEvent, by event name. */
export const eventHandlers = new Map<string, Set<EventHandler>>();

export function emitEvent(name: string, payload: unknown): void {
  for (const handler of eventHandlers.get(name) ?? []) handler(payload);
}

export async function mockedIpc(importOriginal: () => Promise<typeof Ipc>) {
  const original = await importOriginal();
  return {
    ...original,
    call: vi.fn(),
    attachFile: vi.fn(),
    onEvent: vi.fn((name: string, handler: EventHandler) => {
      const set = eventHandlers.get(name) ?? new Set<EventHandler>();
      set.add(handler);
      eventHandlers.set(name, set);
      return Promise.resolve(() => set.delete(handler));
    }),
  };
}
