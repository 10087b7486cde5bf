// Reading files the user picked or dropped.
import { CommandError } from "../ipc";

/** The file's bytes (FileReader: WebKitGTK and the test DOM both have it). */
export function readBytes(file: File): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error(file.name));
    reader.readAsArrayBuffer(file);
  });
}

/** The file as UTF-8 text. */
export async function readText(file: File): Promise<string> {
  return new TextDecoder().decode(await readBytes(file));
}

/**
 * The largest CSV file an import reads: core's `MAX_CSV_BYTES` (crates/core/src/csv_file),
 * which refuses a larger one too; checked here so such a file is not read into memory at all.
 */
export const maxCsvBytes = 64 * 1024 * 1024;

/** A CSV file as UTF-8 text; refused unread (as core refuses it) when larger than it takes. */
export async function readCsvText(file: File, command: string): Promise<string> {
  if (file.size > maxCsvBytes) {
    const message = `the file is ${file.size} bytes; a CSV file may be at most 64 MiB`;
    throw new CommandError(command, "file_refused", message, {
      problems: [
        {
          field: "",
          code: "too_large",
          value: "",
          detail: { bytes: String(file.size), limit: String(maxCsvBytes) },
          message,
        },
      ],
    });
  }
  return readText(file);
}
