// Reading files the user picked or dropped.

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
