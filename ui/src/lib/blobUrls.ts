// Blob URLs for images stored as blobs (device type images), fetched once per SHA-256 and
// kept for the session: the same image stands in every rack that holds the type.
import { useEffect, useState } from "react";
import { call } from "../ipc";

const urls = new Map<string, Promise<string | null>>();

function urlOf(sha: string): Promise<string | null> {
  let url = urls.get(sha);
  if (url === undefined) {
    url = call("attachment_bytes", { sha256: sha }).then(
      (bytes) => URL.createObjectURL(new Blob([bytes])),
      () => {
        // Not on this device yet: ask again next time.
        urls.delete(sha);
        return null;
      },
    );
    urls.set(sha, url);
  }
  return url;
}

/** The blob's URL once fetched; null before, or while the blob is still on its way. */
export function useBlobUrl(sha: string | null | undefined): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (sha === null || sha === undefined) {
      setUrl(null);
      return undefined;
    }
    let live = true;
    void urlOf(sha).then((found) => live && setUrl(found));
    return () => {
      live = false;
    };
  }, [sha]);
  return url;
}
