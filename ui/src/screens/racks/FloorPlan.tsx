import { AislesPanel } from "./AislesPanel";
import { PrintButtons } from "./PrintButtons";
import { useState } from "react";
import { Button } from "../../components/Button";
import { EmptyState } from "../../components/EmptyState";
import { Icon } from "../../components/Icon";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { useLanguage, useT } from "../../i18n";
import { call } from "../../ipc";
import type { RackSpec } from "../../bindings/RackSpec";
import type { RoomView } from "../../bindings/RoomView";
import { describeError } from "../../lib/errors";
import { locale } from "../../lib/format";
import { useCache, useCommand } from "../../lib/useCommand";
import { LinkedDocs } from "../designdocs/LinkedDocs";
import { firstFreeTile, occupiedTiles, specOfRack, type Tile } from "./floorMath";
import { PlaceDialog } from "./PlacesTree";
import { RackDialog } from "./RackDialog";
import { FloorGrid, rackTitle } from "./FloorGrid";
import { FloorHeader, Legend, objectFields, objectOf, ObjectPanel, PanelHead } from "./FloorPanels";

export type Selection = { kind: "rack" | "object"; id: string };
type Open =
  | { kind: "rack"; at?: Tile; initial?: { id: string; spec: RackSpec } }
  | { kind: "row" }
  | { kind: "object"; at: Tile };
export type Kw = (kw: number) => string;

/**
 * One room's floor: its budget and rows, and the tile grid with racks and floor objects that
 * are dragged with the pointer (pointer events: WebKitGTK swallows HTML5 drag and drop) or
 * moved with arrow keys. A move shows at once and is saved; a failed save puts it back.
 */
export function FloorPlan(props: {
  roomId: string;
  onOpenRack: (rackId: string) => void;
  onOpenRow: (rowId: string) => void;
}) {
  const { roomId, onOpenRack } = props;
  const t = useT();
  const toast = useToast();
  const cache = useCache();
  const kw = useKw();
  const room = useCommand("room_view", { id: roomId });
  const view = room.data;
  const [open, setOpen] = useState<Open>();
  const [selected, setSelected] = useState<Selection>();
  // In a narrow window the legend and aisles lie over the plan, opened from the toolbar, so the
  // plan keeps the width it needs for readable names.
  const [sideOpen, setSideOpen] = useState(false);

  if (view === undefined) {
    return room.error !== undefined ? (
      <div className="center-message" role="alert" data-testid="floor-plan">
        <p>{t("floor.loadFailed")}</p>
        <p className="muted">{describeError(t, room.error)}</p>
        <Button onClick={() => cache.invalidate()}>{t("common.retry")}</Button>
      </div>
    ) : (
      <div className="center-message" data-testid="floor-plan">
        <Spinner size={20} label={t("common.loading")} />
      </div>
    );
  }

  const { columns, rows: gridRows, aisles, objects } = view.room;
  const rows = Object.entries(view.room.rack_rows)
    .map(([id, row]) => ({ id, name: row.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const refresh = () => cache.invalidate();
  const failed = (failure: unknown) =>
    toast(t("floor.saveFailed", { message: describeError(t, failure) }), "error");
  const openAtFreeTile = (make: (at: Tile) => Open) => {
    const at = firstFreeTile(columns, gridRows, occupiedTiles(view), aisles);
    if (at === null) toast(t("floor.full"), "error");
    else setOpen(make(at));
  };
  const addRack = () => openAtFreeTile((at) => ({ kind: "rack", at }));

  const move = async (what: Selection, to: Tile) => {
    // Shown at once through the cache; the refetch after the save settles it either way.
    if (room.key !== null) {
      const racks = view.racks.map((rack) => (rack.id === what.id ? { ...rack, ...to } : rack));
      const moved = { ...objects };
      const object = moved[what.id];
      if (what.kind === "object" && object !== undefined) moved[what.id] = { ...object, ...to };
      cache.put<RoomView>(room.key, { ...view, racks, room: { ...view.room, objects: moved } });
    }
    try {
      if (what.kind === "rack") {
        const current = await call("rack_view", { id: what.id });
        await call("rack_save", { id: what.id, spec: { ...specOfRack(current.rack), ...to } });
      } else {
        const object = objects[what.id];
        if (object !== undefined)
          await call("room_object_put", {
            room: roomId,
            id: what.id,
            object: { ...object, ...to },
          });
      }
    } catch (failure) {
      failed(failure);
    } finally {
      refresh();
    }
  };

  const editRack = async (id: string) => {
    try {
      const current = await call("rack_view", { id });
      setOpen({ kind: "rack", initial: { id, spec: specOfRack(current.rack) } });
    } catch (failure) {
      failed(failure);
    }
  };

  const selectedRack =
    selected?.kind === "rack" ? view.racks.find((rack) => rack.id === selected.id) : undefined;
  const selectedObject = selected?.kind === "object" ? objects[selected.id] : undefined;
  let panel;
  if (selectedRack !== undefined) {
    panel = (
      <aside className="floor-panel" data-testid="floor-rack-panel">
        <PanelHead title={selectedRack.name} onClose={() => setSelected(undefined)} />
        <p className="muted prewrap tabular">{rackTitle(t, kw, selectedRack)}</p>
        <div className="floor-panel-actions">
          <Button size="sm" variant="primary" onClick={() => onOpenRack(selectedRack.id)}>
            {t("floor.openRack")}
          </Button>
          <Button
            edits="records"
            size="sm"
            icon={<Icon name="pencil" size={14} />}
            onClick={() => void editRack(selectedRack.id)}
            data-testid="floor-rack-edit"
          >
            {t("floor.editRack")}
          </Button>
        </div>
      </aside>
    );
  } else if (selected !== undefined && selectedObject !== undefined) {
    panel = (
      <ObjectPanel
        key={selected.id}
        roomId={roomId}
        id={selected.id}
        object={selectedObject}
        onDone={() => {
          setSelected(undefined);
          refresh();
        }}
        onFailed={failed}
      />
    );
  } else {
    panel = (
      <div className={`floor-side ${sideOpen ? "is-open" : ""}`} data-testid="floor-side">
        <Legend />
        <LinkedDocs record={`room/${view.room.id}`} />
        <AislesPanel view={view} onSaved={refresh} />
      </div>
    );
  }

  return (
    <div className="floor" data-testid="floor-plan">
      <FloorHeader view={view} kw={kw} onOpenRow={props.onOpenRow} />
      <div className="toolbar floor-toolbar">
        <Button
          edits="records"
          variant="primary"
          size="sm"
          icon={<Icon name="plus" size={14} />}
          onClick={addRack}
          data-testid="floor-add-rack"
        >
          {t("floor.addRack")}
        </Button>
        <Button
          edits="records"
          size="sm"
          onClick={() => setOpen({ kind: "row" })}
          data-testid="floor-add-row"
        >
          {t("floor.addRow")}
        </Button>
        <Button
          edits="records"
          size="sm"
          onClick={() => openAtFreeTile((at) => ({ kind: "object", at }))}
          data-testid="floor-add-object"
        >
          {t("floor.addObject")}
        </Button>
        <PrintButtons racks={view.racks.map((rack) => rack.id)} power />
        <Button
          size="sm"
          variant={sideOpen ? "secondary" : "ghost"}
          className="floor-side-toggle"
          aria-pressed={sideOpen}
          onClick={() => setSideOpen((open) => !open)}
          data-testid="floor-side-toggle"
        >
          {t("floor.sideToggle")}
        </Button>
        <span className="floor-toolbar-hint muted">{t("floor.hint")}</span>
      </div>
      <div className="floor-main">
        <div className="floor-pane">
          {view.racks.length === 0 && (
            <EmptyState
              testId="floor-empty"
              icon="box"
              title={t("floor.emptyTitle")}
              body={t("floor.emptyBody")}
              actions={
                <Button
                  edits="records"
                  variant="primary"
                  icon={<Icon name="plus" size={14} />}
                  onClick={addRack}
                >
                  {t("floor.addRack")}
                </Button>
              }
            />
          )}
          <FloorGrid
            view={view}
            kw={kw}
            selected={selected}
            onSelect={setSelected}
            onOpenRack={onOpenRack}
            onEditRack={(id) => void editRack(id)}
            onMove={(what, to) => void move(what, to)}
          />
        </div>
        {panel}
      </div>
      {open?.kind === "rack" && (
        <RackDialog
          roomId={roomId}
          rows={rows}
          initial={open.initial}
          at={open.at}
          onClose={() => setOpen(undefined)}
          onSaved={(saved) => {
            setOpen(undefined);
            refresh();
            toast(t("floor.rackSaved", { name: saved.rack.name }));
          }}
        />
      )}
      {open?.kind === "row" && (
        <PlaceDialog
          title={t("floor.rowDialog.title")}
          testId="row-dialog"
          duplicate="floor.rowDialog.duplicateName"
          fields={[{ name: "name", label: t("floor.rowDialog.name"), required: true }]}
          initial={{ name: "" }}
          save={(values) =>
            call("room_row_put", { room: roomId, id: null, name: values.name ?? "" })
          }
          onClose={() => setOpen(undefined)}
          onSaved={() => {
            setOpen(undefined);
            refresh();
          }}
        />
      )}
      {open?.kind === "object" && (
        <PlaceDialog
          title={t("floor.objectDialog.title")}
          testId="object-dialog"
          duplicate="floor.objectDialog.duplicateName"
          fields={objectFields(t, true)}
          initial={{ kind: "cooling_unit", name: "", kw: "0" }}
          save={(values) =>
            call("room_object_put", {
              room: roomId,
              id: null,
              object: objectOf(values, open.at),
            })
          }
          onClose={() => setOpen(undefined)}
          onSaved={() => {
            setOpen(undefined);
            refresh();
          }}
        />
      )}
    </div>
  );
}

/** kW with one decimal, in the user's language. */
function useKw(): Kw {
  const { language } = useLanguage();
  const format = new Intl.NumberFormat(locale(language), {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  return (kw) => format.format(kw);
}

/** The room's name and budget (heat against cooling, power, findings), then its rows. */
