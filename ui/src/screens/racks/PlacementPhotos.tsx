import { useRef, useState } from "react";
import type { RackView } from "../../bindings/RackView";
import { Button } from "../../components/Button";
import { FilePlaceholder, useFileUrl } from "../../components/FileLink";
import { useToast } from "../../components/Toast";
import { useT } from "../../i18n";
import { addPlacementPhoto } from "../../ipc";
import { describeError } from "../../lib/errors";
import { readBytes } from "../../lib/files";

/**
 * One photo's thumbnail, opening the photo; a photo still on its way shows the shared
 * "waiting for sync" box instead (never an error), and turns into the photo when it arrives.
 */
function Thumbnail({ sha }: { sha: string }) {
  const t = useT();
  const { state, url } = useFileUrl(sha);
  if (url === null) return <FilePlaceholder state={state} className="photo-thumb" />;
  return (
    <a
      className="photo-thumb"
      href={url}
      target="_blank"
      rel="noreferrer"
      data-testid="placement-photo"
    >
      <img src={url} alt={t("rack.photo.alt")} />
    </a>
  );
}

/** Photos of a placement (the mounted device, its cabling) and a button to add more. */
export function PlacementPhotos(props: {
  view: RackView;
  placement: string;
  photos: readonly string[];
  onSaved: (view: RackView) => void;
}) {
  const t = useT();
  const toast = useToast();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const add = async (files: FileList | null) => {
    if (files === null || files.length === 0) return;
    setBusy(true);
    try {
      let last: RackView | undefined;
      for (const file of files) {
        const bytes = await readBytes(file);
        last = await addPlacementPhoto(
          { rack: props.view.rack.id, placement: props.placement },
          bytes,
        );
      }
      if (last !== undefined) props.onSaved(last);
    } catch (failure) {
      toast(t("toast.failed", { message: describeError(t, failure) }), "error");
    } finally {
      setBusy(false);
      if (input.current !== null) input.current.value = "";
    }
  };
  return (
    <section className="placement-photos">
      <h4 className="device-panel-sub">{t("rack.photo.title")}</h4>
      {props.photos.length > 0 && (
        <div className="photo-grid">
          {props.photos.map((sha) => (
            <Thumbnail key={sha} sha={sha} />
          ))}
        </div>
      )}
      <input
        ref={input}
        type="file"
        accept="image/*"
        multiple
        className="sr-only"
        tabIndex={-1}
        data-testid="photo-input"
        onChange={(event) => void add(event.target.files)}
      />
      <Button
        edits="records"
        size="sm"
        busy={busy}
        onClick={() => input.current?.click()}
        data-testid="photo-add"
      >
        {t("rack.photo.add")}
      </Button>
    </section>
  );
}
