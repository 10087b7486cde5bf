// The one door between the UI and Rust. Screens call `call()` and `onEvent()`; nothing else
// imports @tauri-apps/api/core or /event. The command and event maps are generated from the
// Rust types into ./bindings/commands.ts, so a renamed field breaks the UI build, not the app.
//
// Shape of the generated maps:
//   export interface Commands { workspace_list: { args: { dataDir?: string }; result: WorkspaceSummary[] } }
//   export interface Events   { changed: ChangedPayload }
// Tauri converts Rust's snake_case command arguments to camelCase keys in `args`.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { Commands, Events } from "./bindings/commands";
import type { FieldError } from "./bindings/FieldError";
import type { CatalogueProblem } from "./bindings/CatalogueProblem";
import type { CheckItem } from "./bindings/CheckItem";
import type { ImportPreview } from "./bindings/ImportPreview";
import type { PlaceFieldError } from "./bindings/PlaceFieldError";
import type { PlacementProblem } from "./bindings/PlacementProblem";

export type CommandName = keyof Commands;
export type CommandArgs<K extends CommandName> = Commands[K]["args"];
export type CommandResult<K extends CommandName> = Commands[K]["result"];
export type EventName = keyof Events;
export type EventPayload<K extends EventName> = Events[K];

/**
 * The one error shape every command rejects with: `{ kind, message }` from Rust, plus the
 * refused fields of an `invalid` error and the preview of an `import_refused` one. `message`
 * is English and only a fallback: screens translate `kind` and each field error's `code`.
 */
export class CommandError extends Error {
  readonly fields: readonly FieldError[];
  readonly preview: ImportPreview | undefined;
  /** Why a device cannot go where it was dropped (`placement_refused`). */
  readonly problems: readonly PlacementProblem[];
  /** Refused fields of a site, room or rack form (`invalid`). */
  readonly place_fields: readonly PlaceFieldError[];
  /** Checklist items still to tick (`install_order`). */
  readonly missing_checks: readonly CheckItem[];
  /** Problems of a device type import (`catalogue_refused`). */
  readonly catalogue: readonly CatalogueProblem[];

  constructor(
    readonly command: string,
    readonly kind: string,
    message: string,
    extra: Omit<WireError, "kind" | "message"> = {},
  ) {
    super(message);
    this.name = "CommandError";
    this.fields = extra.fields ?? [];
    this.preview = extra.preview;
    this.problems = extra.problems ?? [];
    this.place_fields = extra.place_fields ?? [];
    this.missing_checks = extra.missing_checks ?? [];
    this.catalogue = extra.catalogue ?? [];
  }
}

interface WireError {
  kind: string;
  message: string;
  fields?: readonly FieldError[];
  preview?: ImportPreview;
  problems?: readonly PlacementProblem[];
  place_fields?: readonly PlaceFieldError[];
  missing_checks?: readonly CheckItem[];
  catalogue?: readonly CatalogueProblem[];
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
 * Runs a Rust command. Rejects with a `CommandError`; Tauri's own failures (unknown command,
 * arguments that do not decode) arrive as plain strings and get kind "ipc".
 */
export async function call<K extends CommandName>(
  name: K,
  args: CommandArgs<K>,
): Promise<CommandResult<K>> {
  try {
    return await invoke<CommandResult<K>>(name, args as Record<string, unknown>);
  } catch (error) {
    throw commandError(name, error);
  }
}

function commandError(name: string, error: unknown): CommandError {
  if (isWireError(error)) {
    const list = <T>(value: readonly T[] | undefined) => (Array.isArray(value) ? value : undefined);
    return new CommandError(name, error.kind, error.message, {
      fields: list(error.fields),
      preview: error.preview,
      problems: list(error.problems),
      place_fields: list(error.place_fields),
      missing_checks: list(error.missing_checks),
      catalogue: list(error.catalogue),
    });
  }
  return new CommandError(name, "ipc", String(error));
}

/** What `asset_attach` needs besides the bytes; sent URI-encoded in the `x-attachment` header. */
export interface AttachmentMeta {
  /** The asset's id. */
  id: string;
  name: string;
  mime: string;
}

/** The header value `asset_attach` decodes: URI-encoded JSON, since header values are ASCII. */
export function attachmentHeader(meta: AttachmentMeta): string {
  return encodeURIComponent(JSON.stringify({ id: meta.id, name: meta.name, mime: meta.mime }));
}

/**
 * Attaches a file to an asset. `asset_attach` is the one raw command: the body is the file's
 * bytes as they are (no JSON, no base64), the rest travels in a header. Errors are mapped as
 * in `call()` (attachment_too_large, attachment_empty, attachment_no_name, not_found, …).
 */
export async function attachFile(
  meta: AttachmentMeta,
  bytes: Uint8Array,
): Promise<CommandResult<"asset_attach">> {
  try {
    return await invoke<CommandResult<"asset_attach">>("asset_attach", bytes, {
      headers: { "x-attachment": attachmentHeader(meta) },
    });
  } catch (error) {
    throw commandError("asset_attach", error);
  }
}

/** Adds a photo to a placement; raw like `attachFile`, the header names the placement. */
export async function addPlacementPhoto(
  meta: { rack: string; placement: string },
  bytes: Uint8Array,
): Promise<CommandResult<"placement_photo">> {
  try {
    return await invoke<CommandResult<"placement_photo">>("placement_photo", bytes, {
      headers: { "x-photo": encodeURIComponent(JSON.stringify(meta)) },
    });
  } catch (error) {
    throw commandError("placement_photo", error);
  }
}

/** Sets a front or rear image of an added device type; raw like `attachFile`. */
export async function setDeviceTypeImage(
  meta: { key: string; face: "front" | "rear" },
  bytes: Uint8Array,
): Promise<CommandResult<"device_type_image">> {
  try {
    return await invoke<CommandResult<"device_type_image">>("device_type_image", bytes, {
      headers: { "x-type-image": encodeURIComponent(JSON.stringify(meta)) },
    });
  } catch (error) {
    throw commandError("device_type_image", error);
  }
}

/** Subscribes to a Rust event; the returned function unsubscribes. */
export function onEvent<K extends EventName>(
  name: K,
  handler: (payload: Events[K]) => void,
): Promise<UnlistenFn> {
  return listen<Events[K]>(name, (event) => handler(event.payload));
}
