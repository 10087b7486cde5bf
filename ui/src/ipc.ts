// The one door between the UI and Rust. Screens call `call()` and `onEvent()`; nothing else
// imports @tauri-apps/api/core or /event. The command and event maps are generated from the
// Rust commands' own argument and result types (the list in src-tauri/src/commands/mod.rs)
// into ./bindings/commands.ts, so a renamed field breaks the UI build, not the app.
//
// Shape of the generated maps:
//   export interface Commands {
//     asset_edit: { args: { id: string, input: AssetInput, }; result: AssetRow; writes: true };
//     asset_attach: { args: { id: string, name: string, mime: string, }; body: Uint8Array; … };
//   }
//   export interface Events { workspace_changed: WorkspaceChanged; … }
// `args` is sent as the invoke payload (Rust decodes it into the command's argument struct);
// a command with a `body` is an upload: its bytes are the payload and `args` travel in the
// `x-args` header. After a command that `writes`, Rust sends `workspace_changed`.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { Commands, Events } from "./bindings/commands";
import type { ImportPreview } from "./bindings/ImportPreview";
import type { Problem } from "./bindings/Problem";

export type CommandName = keyof Commands;
export type CommandArgs<K extends CommandName> = Commands[K]["args"];
export type CommandResult<K extends CommandName> = Commands[K]["result"];
/** Commands whose bytes go as the payload: run through `upload()`, not `call()`. */
export type UploadName = {
  [K in CommandName]: Commands[K] extends { body: Uint8Array } ? K : never;
}[CommandName];
/** Commands that take JSON arguments. */
export type JsonCommandName = Exclude<CommandName, UploadName>;
/** Commands that change nothing another command reads: the ones worth caching. */
export type ReadName = {
  [K in CommandName]: Commands[K]["writes"] extends false ? K : never;
}[CommandName];
export type EventName = keyof Events;
export type EventPayload<K extends EventName> = Events[K];

/**
 * The one error shape every command rejects with: `{ kind, message, problems }` from Rust
 * (and a refused import's preview). `message` is English and only a fallback: screens
 * translate `kind`, and each problem through `lib/problems` (under its field when the form
 * has that field).
 */
export class CommandError extends Error {
  readonly problems: readonly Problem[];
  readonly preview: ImportPreview | undefined;

  constructor(
    readonly command: string,
    readonly kind: string,
    message: string,
    extra: Omit<WireError, "kind" | "message"> = {},
  ) {
    super(message);
    this.name = "CommandError";
    this.problems = extra.problems ?? [];
    this.preview = extra.preview;
  }
}

interface WireError {
  kind: string;
  message: string;
  problems?: readonly Problem[];
  preview?: ImportPreview;
}

function isWireError(value: unknown): value is WireError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { kind?: unknown }).kind === "string" &&
    typeof (value as { message?: unknown }).message === "string"
  );
}

/**
 * Runs a Rust command. Rejects with a `CommandError`; arguments that do not decode get kind
 * "ipc" from Rust, and Tauri's own failures (an unknown command) arrive as plain strings and
 * get kind "ipc" here.
 */
export async function call<K extends JsonCommandName>(
  name: K,
  args: CommandArgs<K>,
): Promise<CommandResult<K>> {
  markCall(name, "→");
  try {
    return await invoke<CommandResult<K>>(name, args as Record<string, unknown>);
  } catch (error) {
    throw commandError(name, error);
  } finally {
    markCall(name, "←");
  }
}

/** Where a screen's time goes, for e2e/bench: with `window.cloudwrightMarks = []` set, each
 * command's start (→) and answer (←) is kept there as [performance.now(), what]. */
function markCall(name: string, what: "→" | "←") {
  (globalThis as { cloudwrightMarks?: [number, string][] }).cloudwrightMarks?.push([
    performance.now(),
    `${what} ${name}`,
  ]);
}

function commandError(name: string, error: unknown): CommandError {
  if (isWireError(error)) {
    return new CommandError(name, error.kind, error.message, {
      problems: Array.isArray(error.problems) ? error.problems : undefined,
      preview: error.preview,
    });
  }
  return new CommandError(name, "ipc", String(error));
}

/** The header an upload's arguments travel in (`UPLOAD_ARGS_HEADER` in src-tauri/src/ipc.rs). */
export const uploadArgsHeader = "x-args";

/** The header value for an upload's arguments: URI-encoded JSON, since header values are ASCII. */
export function uploadArgs(args: object): string {
  return encodeURIComponent(JSON.stringify(args));
}

/**
 * Runs an upload: the body is a file's bytes as they are (no JSON, no base64), the arguments
 * travel in one header. Errors are mapped as in `call()`.
 */
export async function upload<K extends UploadName>(
  name: K,
  args: CommandArgs<K>,
  bytes: Uint8Array,
): Promise<CommandResult<K>> {
  try {
    return await invoke<CommandResult<K>>(name, bytes, {
      headers: { [uploadArgsHeader]: uploadArgs(args) },
    });
  } catch (error) {
    throw commandError(name, error);
  }
}

/** Keeps a contract or certificate with a vendor (refused with problems at `file`, `file_name`). */
export function addVendorFile(
  meta: CommandArgs<"vendor_file_add">,
  bytes: Uint8Array,
): Promise<CommandResult<"vendor_file_add">> {
  return upload("vendor_file_add", meta, bytes);
}

/** Keeps a drawing or spec sheet with a purchase request (refused at `file`, `file_name`). */
export function addPurchaseFile(
  meta: CommandArgs<"purchase_file_add">,
  bytes: Uint8Array,
): Promise<CommandResult<"purchase_file_add">> {
  return upload("purchase_file_add", meta, bytes);
}

/** Attaches a file to an asset (attachment_too_large, attachment_empty, … on refusal). */
export function attachFile(
  meta: CommandArgs<"asset_attach">,
  bytes: Uint8Array,
): Promise<CommandResult<"asset_attach">> {
  return upload("asset_attach", { id: meta.id, name: meta.name, mime: meta.mime }, bytes);
}

/** Adds a photo to a placement. */
export function addPlacementPhoto(
  meta: CommandArgs<"placement_photo">,
  bytes: Uint8Array,
): Promise<CommandResult<"placement_photo">> {
  return upload("placement_photo", meta, bytes);
}

/** Sets a front or rear image of an added device type. */
export function setDeviceTypeImage(
  meta: CommandArgs<"device_type_image">,
  bytes: Uint8Array,
): Promise<CommandResult<"device_type_image">> {
  return upload("device_type_image", meta, bytes);
}

/** Records a cable test with the tester's report file. */
export function recordTestWithReport(
  meta: CommandArgs<"cable_test_with_report">,
  bytes: Uint8Array,
): Promise<CommandResult<"cable_test_with_report">> {
  return upload("cable_test_with_report", meta, bytes);
}

/** Attaches a photo to an audit item's latest mark (scaled and stored as JPEG by Rust). */
export function auditPhoto(
  meta: CommandArgs<"audit_photo">,
  bytes: Uint8Array,
): Promise<CommandResult<"audit_photo">> {
  return upload("audit_photo", meta, bytes);
}

/** Records a data wipe with its report file. */
export function recordWipeWithReport(
  meta: CommandArgs<"life_wipe_with_report">,
  bytes: Uint8Array,
): Promise<CommandResult<"life_wipe_with_report">> {
  return upload("life_wipe_with_report", meta, bytes);
}

/** Subscribes to a Rust event; the returned function unsubscribes. */
export function onEvent<K extends EventName>(
  name: K,
  handler: (payload: Events[K]) => void,
): Promise<UnlistenFn> {
  return listen<Events[K]>(name, (event) => handler(event.payload));
}
