import { useState } from "react";
import { useT } from "../../i18n";
import { FloorPlan } from "./FloorPlan";
import { PlacesTree } from "./PlacesTree";
import { RackEditor } from "./RackEditor";
import { RowView } from "./RowView";

/** What the racks area shows: a room's floor, a row of racks, or one rack's elevation. */
export type RacksView =
  | { kind: "room"; roomId: string | null }
  | { kind: "row"; roomId: string; rowId: string }
  | { kind: "rack"; roomId: string | null; rackId: string };

/**
 * The infrastructure area: sites and rooms on the left; the chosen room's floor plan, a row
 * view, or a rack elevation editor on the right.
 */
export function RacksScreen(props: { initial?: RacksView }) {
  const t = useT();
  const [view, setView] = useState<RacksView>(props.initial ?? { kind: "room", roomId: null });
  const roomId = view.roomId;
  let main;
  if (view.kind === "rack") {
    main = (
      <RackEditor
        key={view.rackId}
        rackId={view.rackId}
        onBack={() => setView({ kind: "room", roomId })}
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
