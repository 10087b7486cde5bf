// A fake Rust side for screen tests: each command answers from a handler, typed by the
// generated command map; a command without one fails the way an unknown command would.
// Use with `vi.mock("../ipc", ...)` from ./ipcMock in the test file.
import { vi } from "vitest";
import { call, type CommandArgs, type CommandName, type CommandResult } from "../ipc";

export type Handlers = {
  [K in CommandName]?: (args: CommandArgs<K>) => CommandResult<K> | Promise<CommandResult<K>>;
};

export function fakeBackend(handlers: Handlers): void {
  vi.mocked(call).mockImplementation(async (name: CommandName, args: unknown) => {
    const handler = handlers[name] as ((args: unknown) => unknown) | undefined;
    if (handler === undefined) throw new Error(`unexpected command ${name}`);
    return (await handler(args)) as never;
  });
}

/** The arguments of every call of `name` so far. */
export function callsOf<K extends CommandName>(name: K): CommandArgs<K>[] {
  return vi
    .mocked(call)
    .mock.calls.filter(([called]) => called === name)
    .map(([, args]) => args as CommandArgs<K>);
}
