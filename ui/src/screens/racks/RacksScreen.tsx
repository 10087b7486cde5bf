import { useEffect } from "react";
import { useT } from "../../i18n";
import { useKept, type OpenRequest } from "../../lib/navigation";
import { useCommand } from "../../lib/useCommand";
import { FloorPlan } from "./FloorPlan";
import { PlacesTree } from "./PlacesTree";
import { RackEditor } from "./RackEditor";
import { RowView } from "./RowView";

/** What the racks area shows: a room's floor, a row of racks, or one rack's elevation. */
export type RacksView =
  | { kind: "room"; roomId: string | null }
  | { kind: "row"; roomId: string; rowId: string }
  | { kind: "rack"; roomId: string | null; rackId: string; device?: string };

/** What a link to a site, room or rack (a device in it: `focus`) shows. */
export function racksViewOf(opening: OpenRequest | undefined): RacksView | undefined {
  if (opening === undefined) return undefined;
  if (opening.kind === "rack") {
    return { kind: "rack", roomId: null, rackId: opening.id, device: opening.focus };
  }
  if (opening.kind === "room") return { kind: "room", roomId: opening.id };
  if (opening.kind === "site") return { kind: "room", roomId: null };
  return undefined;
}

/**
 * The infrastructure area: sites and rooms on the left; the chosen room's floor plan, a row
 * view, or a rack elevation editor on the right.
 */
export function RacksScreen(props: { initial?: RacksView; opening?: OpenRequest }) {
  const t = useT();
  // The room, row or rack shown is kept while another screen is (and restored by Back);
  // a link to a place shows that place instead.
  const [view, setView] = useKept<RacksView>(
    "view",
    props.initial ?? { kind: "room", roomId: null },
    racksViewOf(props.opening),
  );
  // A link to a site shows its first room, once the places are read.
  const siteId = props.opening?.kind === "site" ? props.opening.id : null;
  const places = useCommand("places_tree", siteId === null ? null : {});
  const siteRoom = places.data?.find((node) => node.site.id === siteId)?.rooms[0]?.id;
  useEffect(() => {
    if (siteRoom !== undefined) setView({ kind: "room", roomId: siteRoom });
  }, [siteRoom]);
  const roomId = view.roomId;
  let main;
  if (view.kind === "rack") {
    main = (
      <RackEditor
        key={view.rackId}
        rackId={view.rackId}
        selected={view.device}
        onSelect={(device) => setView({ ...view, device: device ?? undefined })}
        onBack={(rackRoom) => setView({ kind: "room", roomId: roomId ?? rackRoom ?? null })}
      />
    );
  } else if (view.kind === "row") {
    main = (
      <RowView
        roomId={view.roomId}
        rowId={view.rowId}
        onOpenRack={(rackId) => setView({ kind: "rack", roomId: view.roomId, rackId })}
        onBack={() => setView({ kind: "room", roomId: view.roomId })}
      />
    );
  } else if (roomId !== null) {
    main = (
      <FloorPlan
        key={roomId}
        roomId={roomId}
        onOpenRack={(rackId) => setView({ kind: "rack", roomId, rackId })}
        onOpenRow={(rowId) => setView({ kind: "row", roomId, rowId })}
      />
    );
  } else {
    main = <p className="center-message muted">{t("rack.chooseRoom")}</p>;
  }
  return (
    <div
      className={`racks-screen ${view.kind === "rack" ? "racks-screen-editor" : ""}`}
      data-testid="racks-screen"
    >
      {/* The rack editor needs the width for its palette, both faces and the checklist. */}
      {view.kind !== "rack" && (
        <PlacesTree
          selectedRoom={roomId}
          onSelectRoom={(id) => setView({ kind: "room", roomId: id })}
        />
      )}
      <div className="racks-main">{main}</div>
    </div>
  );
}
