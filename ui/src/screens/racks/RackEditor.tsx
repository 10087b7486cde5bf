import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type PointerEvent as ReactPointerEvent,
} from "react";
import type { CheckItem } from "../../bindings/CheckItem";
import type { InstallStatus } from "../../bindings/InstallStatus";
import type { PlacedDevice } from "../../bindings/PlacedDevice";
import type { PlaceRequest } from "../../bindings/PlaceRequest";
import type { RackView } from "../../bindings/RackView";
import type { WhatIf } from "../../bindings/WhatIf";
import { Button } from "../../components/Button";
import { EmptyState } from "../../components/EmptyState";
import { Icon } from "../../components/Icon";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { useLanguage, useT } from "../../i18n";
import { call, CommandError } from "../../ipc";
import { useEditAccess } from "../../lib/editAccess";
import { describeError } from "../../lib/errors";
import { problemLine } from "../../lib/problems";
import { useAnyModalOpen } from "../../lib/modalStack";
import { cacheKey } from "../../lib/queryCache";
import { useShortcuts } from "../../lib/shortcuts";
import { useCache, useCommand } from "../../lib/useCommand";
import { LinkedDocs } from "../designdocs/LinkedDocs";
import { BudgetBars } from "./BudgetBars";
import { checkItems, DevicePanel } from "./DevicePanel";
import { Elevation, type DropPreview } from "./Elevation";
import {
  cablesAt,
  collides,
  heightHu,
  moveNeedsAsking,
  onRails,
  stepHu,
  unitRange,
} from "./elevationMath";
import { MoveConfirm, type PendingMove } from "./MoveConfirm";
import { Palette, type PaletteItem } from "./Palette";
import { PrintButtons } from "./PrintButtons";
import { ReserveDialog } from "./ReserveDialog";
import { budgetText, invariantText, problemText } from "./rackText";
import { emptyHistory, record, redoStep, undoStep, type Edit, type History } from "./undo";
import { useRackDrag, type DragSource, type DragTarget } from "./useRackDrag";

/** Pixels per rack unit: a 48U rack is 768 px tall. */
const UNIT_PX = 16;

function requestOf(device: PlacedDevice): PlaceRequest {
  return {
    device_type: device.placement.device_type,
    asset: device.placement.asset,
    label: device.placement.label,
    bottom_hu: device.placement.bottom_hu,
    face: device.placement.face,
    leg: device.placement.leg,
  };
}

/**
 * The rack elevation editor: the catalogue and the asset register on the left, the front and
 * rear views side by side with the power, heat and weight bars above them, and the selected
 * device's checklist on the right. Devices are dragged in from the left or moved within the
 * rack; arrow keys move the selected device a unit, F turns it to the other face, Delete
 * removes it, Ctrl+Z / Ctrl+Shift+Z undo and redo.
 */
export function RackEditor(props: {
  rackId: string;
  /** Back to the rack's room (its id, once the rack is read). */
  onBack: (room: string | undefined) => void;
  /** The device selected when the editor opens (a link to a device in this rack). */
  selected?: string;
  /** The selection changed (the racks screen keeps it for Back). */
  onSelect?: (device: string | null) => void;
}) {
  const t = useT();
  const { language } = useLanguage();
  const toast = useToast();
  const cache = useCache();
  const modalOpen = useAnyModalOpen();
  const rack = useCommand("rack_view", { id: props.rackId });
  const types = useCommand("device_types", {});
  const [selected, setSelected] = useState<string | null>(props.selected ?? null);
  const onSelect = props.onSelect;
  useEffect(() => onSelect?.(selected), [selected]);
  const [history, setHistory] = useState<History>(emptyHistory);
  const [busy, setBusy] = useState(false);
  const [reserving, setReserving] = useState(false);
  const [asking, setAsking] = useState<PendingMove | null>(null);
  const view = rack.data;

  const show = (next: RackView) => cache.put(cacheKey("rack_view", { id: next.rack.id }), next);
  const access = useEditAccess();
  const fail = (failure: unknown) => {
    if (failure instanceof CommandError && failure.kind === "install_order") {
      toast(
        t("rack.installOrder", {
          items: failure.problems
            .map((item) =>
              checkItems.includes(item.value as CheckItem)
                ? t(`rack.check.${item.value as CheckItem}`)
                : item.value,
            )
            .join(", "),
        }),
        "error",
      );
    } else if (failure instanceof CommandError && failure.problems.length > 0) {
      toast(failure.problems.map((p) => problemLine(t, p)).join(" · "), "error");
    } else {
      toast(t("toast.failed", { message: describeError(t, failure) }), "error");
    }
  };

  /** Sends one edit; returns the rack it leaves, or null when refused. */
  const send = async (edit: Edit): Promise<RackView | null> => {
    setBusy(true);
    try {
      let result: RackView;
      if (edit.kind === "place") {
        result = await call("rack_place", {
          rack: edit.rack,
          id: edit.placement,
          request: edit.request,
        });
      } else if (edit.kind === "remove") {
        result = await call("rack_remove", { rack: edit.rack, placement: edit.placement });
      } else {
        result = await call("rack_move", {
          from: edit.from.rack,
          placement: edit.placement,
          to: edit.to.rack,
          bottomHu: edit.to.bottomHu,
          face: edit.to.face,
        });
      }
      show(result);
      return result;
    } catch (failure) {
      fail(failure);
      return null;
    } finally {
      setBusy(false);
    }
  };

  const warnFindings = (whatIf: WhatIf | null) => {
    if (whatIf !== null && whatIf.new_findings.length > 0) {
      toast(whatIf.new_findings.map((f) => budgetText(t, language, f)).join(" · "), "error");
    }
  };

  /**
   * Moves a device, asking first when it is verified or cabled (the cables follow it and
   * their printed labels are marked to print again); `after` runs once the move is saved.
   */
  const moveDevice = async (
    device: PlacedDevice,
    edit: Extract<Edit, { kind: "move" }>,
    after: () => void,
  ) => {
    let cables = 0;
    try {
      cables = cablesAt(
        await call("device_ports", { rack: edit.from.rack, placement: edit.placement }),
      );
    } catch {
      // No port map (a device type without ports): nothing cabled to ask about.
    }
    const run = () =>
      void send(edit).then((result) => {
        if (result === null) return;
        setHistory((h) => record(h, edit));
        after();
        if (cables > 0)
          toast(t("rack.moved.reprint", { label: device.placement.label, count: cables }), "info");
      });
    if (!moveNeedsAsking(device, cables)) {
      run();
      return;
    }
    const startingUnit = view?.rack.starting_unit ?? 1;
    const where = (bottomHu: number | null) =>
      bottomHu === null ? t("rack.parked") : unitRange(startingUnit, bottomHu, heightHu(device));
    const otherRack = edit.to.rack !== edit.from.rack;
    setAsking({
      device,
      from: where(edit.from.bottomHu),
      to: otherRack ? t("rack.moveConfirm.otherRack") : where(edit.to.bottomHu),
      cables,
      run,
    });
  };

  const onDrop = async (source: DragSource, target: DragTarget, whatIf: WhatIf | null) => {
    // A drop is an edit: an account that may not make one is told why, nothing is sent.
    const refused = access.reason("records");
    if (refused !== undefined) {
      toast(refused, "error");
      return;
    }
    const bottomHu = source.heightHu === 0 ? null : target.bottomHu;
    if (source.moving !== null && source.fromRack !== null) {
      const before = view?.devices.find((d) => d.id === source.moving);
      if (before === undefined) return;
      const edit = {
        kind: "move" as const,
        placement: source.moving,
        from: {
          rack: source.fromRack,
          bottomHu: before.placement.bottom_hu,
          face: before.placement.face,
        },
        to: { rack: target.rack, bottomHu, face: target.face },
      };
      await moveDevice(before, edit, () => warnFindings(whatIf));
      return;
    }
    setBusy(true);
    try {
      const request = { ...source.request, bottom_hu: bottomHu, face: target.face };
      const before = new Set(view?.devices.map((d) => d.id));
      const result = await call("rack_place", { rack: target.rack, id: null, request });
      show(result);
      const added = result.devices.find((d) => !before.has(d.id));
      if (added !== undefined) {
        setSelected(added.id);
        setHistory((h) =>
          record(h, { kind: "place", rack: target.rack, placement: added.id, request }),
        );
        toast(t("rack.placed", { label: added.placement.label }), "success");
      }
      warnFindings(whatIf);
    } catch (failure) {
      fail(failure);
    } finally {
      setBusy(false);
    }
  };

  const { drag, start, ghost } = useRackDrag(
    (source, target, whatIf) => void onDrop(source, target, whatIf),
  );

  // Stable handlers (reading the latest view through a ref) let the palette and the two
  // elevations skip re-rendering while a drag moves.
  const viewRef = useRef(view);
  viewRef.current = view;
  const startNew = useCallback(
    (event: ReactPointerEvent, item: PaletteItem) => {
      event.preventDefault();
      start(event, {
        moving: null,
        fromRack: null,
        heightHu: item.deviceType.height_hu,
        fullDepth: item.deviceType.full_depth,
        label: item.asset?.asset.asset_tag ?? item.deviceType.model,
        request: {
          device_type: item.deviceType.key,
          asset: item.asset?.asset.id ?? null,
          label: item.label,
          bottom_hu: null,
          face: "front",
          leg: null,
        },
      });
    },
    [start],
  );
  const startMove = useCallback(
    (event: ReactPointerEvent, device: PlacedDevice) => {
      const current = viewRef.current;
      if (current === undefined) return;
      start(event, {
        moving: device.id,
        fromRack: current.rack.id,
        heightHu: heightHu(device),
        fullDepth: device.device?.full_depth ?? true,
        label: device.placement.label,
        request: requestOf(device),
      });
    },
    [start],
  );

  const selectedDevice = view?.devices.find((d) => d.id === selected);
  const moveSelected = (deltaHu: number, flip = false) => {
    if (view === undefined || selectedDevice === undefined || !onRails(selectedDevice) || busy)
      return;
    const from = selectedDevice.placement;
    const height = heightHu(selectedDevice);
    const bottom = (from.bottom_hu ?? 0) + deltaHu * stepHu(height);
    const face = flip ? (from.face === "front" ? "rear" : "front") : from.face;
    if (bottom < 0 || bottom + height > view.rack.height_u * 2) return;
    const edit = {
      kind: "move" as const,
      placement: selectedDevice.id,
      from: { rack: view.rack.id, bottomHu: from.bottom_hu, face: from.face },
      to: { rack: view.rack.id, bottomHu: bottom, face },
    };
    void moveDevice(selectedDevice, edit, () => undefined);
  };
  const removeSelected = () => {
    if (view === undefined || selectedDevice === undefined) return;
    const edit: Edit = {
      kind: "remove",
      rack: view.rack.id,
      placement: selectedDevice.id,
      request: requestOf(selectedDevice),
    };
    void send(edit).then((result) => {
      if (result !== null) {
        setHistory((h) => record(h, edit));
        setSelected(null);
        toast(t("rack.removed", { label: edit.request.label }), "info");
      }
    });
  };
  const undo = () => {
    const step = undoStep(history);
    if (step === null || busy) return;
    void send(step.send).then((result) => result !== null && setHistory(step.next));
  };
  const redo = () => {
    const step = redoStep(history);
    if (step === null || busy) return;
    void send(step.send).then((result) => result !== null && setHistory(step.next));
  };
  useShortcuts(
    {
      ArrowUp: () => moveSelected(1),
      ArrowDown: () => moveSelected(-1),
      f: () => moveSelected(0, true),
      Delete: removeSelected,
      Backspace: removeSelected,
      Escape: () => setSelected(null),
      "mod+z": undo,
      "mod+shift+z": redo,
      "mod+y": redo,
    },
    !modalOpen && drag === null,
  );

  const deviceCall = async (run: () => Promise<RackView>) => {
    setBusy(true);
    try {
      show(await run());
    } catch (failure) {
      fail(failure);
    } finally {
      setBusy(false);
    }
  };
  const onCheck = (item: CheckItem, done: boolean) =>
    selectedDevice !== undefined &&
    void deviceCall(() =>
      call("placement_check", {
        rack: props.rackId,
        placement: selectedDevice.id,
        item,
        done,
        note: "",
      }),
    );
  const onStatus = (status: InstallStatus) =>
    selectedDevice !== undefined &&
    void deviceCall(() =>
      call("placement_status", { rack: props.rackId, placement: selectedDevice.id, status }),
    );
  const onNotes = (notes: string) =>
    selectedDevice !== undefined &&
    void deviceCall(() =>
      call("placement_edit", {
        rack: props.rackId,
        placement: selectedDevice.id,
        label: selectedDevice.placement.label,
        leg: selectedDevice.placement.leg,
        notes,
      }),
    );

  if (view === undefined) {
    return (
      <div className="center-message">
        {rack.error !== undefined ? (
          <p role="alert">{describeError(t, rack.error)}</p>
        ) : (
          <Spinner size={20} label={t("common.loading")} />
        )}
      </div>
    );
  }

  // The drop preview: local rules first (instant), the what-if answer when it arrives.
  let preview: DropPreview | null = null;
  const target = drag?.started === true ? drag.target : null;
  if (
    drag !== null &&
    target !== null &&
    target.rack === view.rack.id &&
    drag.source.heightHu > 0
  ) {
    const localClash = collides(
      view.devices,
      Object.values(view.rack.reservations),
      drag.source.moving,
      target.bottomHu,
      drag.source.heightHu,
      target.face,
      drag.source.fullDepth,
      view.rack.height_u * 2,
    );
    const refused = drag.whatIf !== null && drag.whatIf.problems.length > 0;
    preview = {
      face: target.face,
      bottomHu: target.bottomHu,
      heightHu: drag.source.heightHu,
      fullDepth: drag.source.fullDepth,
      ok: !localClash && !refused,
      label: drag.source.label,
    };
  }
  const whatIf = drag?.whatIf ?? null;
  const refusedText = (whatIf?.problems ?? []).map((p) => problemText(t, p)).join(" · ");
  const warningText = (whatIf?.new_findings ?? [])
    .map((f) => budgetText(t, language, f))
    .join(" · ");
  const whatIfLine =
    refusedText !== ""
      ? { refused: true, text: refusedText }
      : warningText !== ""
        ? { refused: false, text: warningText }
        : null;
  const parked = view.devices.filter((d) => !onRails(d));

  return (
    <div className="rack-editor" data-testid="rack-editor" data-rack-name={view.rack.name}>
      <Palette types={types.data ?? []} onStartDrag={startNew} />
      <section className="rack-main">
        <header className="rack-head">
          <Button
            size="sm"
            variant="ghost"
            onClick={() => props.onBack(view.rack.room)}
            data-testid="rack-back"
          >
            {t("rack.back")}
          </Button>
          <div className="rack-title">
            <h2 data-testid="rack-title">{view.rack.name}</h2>
            <span className="muted">
              {[view.site, view.room, view.row].filter((part) => part !== "").join(" / ")} ·{" "}
              {view.rack.height_u}U · {t(`rack.rackStatus.${view.rack.status}`)}
            </span>
            <LinkedDocs record={`rack/${view.rack.id}`} />
          </div>
          <div className="rack-actions">
            <Button
              edits="records"
              size="sm"
              icon={<Icon name="undo" size={14} />}
              onClick={undo}
              disabled={history.done.length === 0 || busy}
              data-testid="rack-undo"
            >
              {t("rack.undo")}
            </Button>
            <Button
              edits="records"
              size="sm"
              icon={<Icon name="redo" size={14} />}
              onClick={redo}
              disabled={history.undone.length === 0 || busy}
              data-testid="rack-redo"
            >
              {t("rack.redo")}
            </Button>
            <PrintButtons racks={[view.rack.id]} />
            <Button
              edits="records"
              size="sm"
              onClick={() => setReserving(true)}
              data-testid="rack-reserve"
            >
              {t("rack.reserve")}
            </Button>
          </div>
        </header>
        <BudgetBars
          budget={view.budget}
          after={whatIf?.after}
          maxWeightKg={view.rack.max_weight_kg}
          threePhase={view.rack.feeds.some((feed) => feed.phase === "three")}
        />
        {/* One line kept for the what-if, drawn or not: a warning that appeared above the
            elevation during a drag pushed it down under the pointer, and drops missed. */}
        <div className="rack-whatif-slot" data-testid="whatif-slot">
          {whatIfLine !== null && (
            <div
              className={whatIfLine.refused ? "rack-whatif-refused" : "rack-whatif-warning"}
              role="status"
              data-testid={whatIfLine.refused ? "whatif-refused" : "whatif-warning"}
              title={whatIfLine.text}
            >
              <Icon name="alert" />
              <span className="rack-whatif-text">{whatIfLine.text}</span>
            </div>
          )}
        </div>
        {view.invariants.length > 0 && (
          <ul className="rack-invariants" data-testid="rack-invariants">
            {view.invariants.map((inv, index) => (
              <li key={index}>
                <Icon name="alert" /> {invariantText(t, inv)}
              </li>
            ))}
          </ul>
        )}
        <div className="rack-faces">
          {(["front", "rear"] as const).map((face) => (
            <Elevation
              key={face}
              view={view}
              face={face}
              unitPx={UNIT_PX}
              selected={selected}
              preview={preview}
              moving={drag?.started === true ? drag.source.moving : null}
              onSelect={setSelected}
              onDevicePointerDown={startMove}
            />
          ))}
        </div>
        {view.devices.length === 0 && (
          <EmptyState
            testId="rack-empty"
            icon="box"
            title={t("rack.emptyTitle")}
            body={t("rack.emptyBody")}
          />
        )}
        {Object.keys(view.rack.reservations).length > 0 && (
          <section className="rack-offrails" data-testid="rack-reservations">
            <h3>{t("rack.reservations")}</h3>
            <ul>
              {Object.entries(view.rack.reservations).map(([id, held]) => (
                <li key={id} className="offrails-item" data-testid="reservation-item">
                  {unitRange(view.rack.starting_unit, held.bottom_hu, held.height_hu)} ·{" "}
                  {held.reason}
                  <span className="muted">{held.by}</span>
                  <Button
                    edits="records"
                    size="sm"
                    variant="ghost"
                    data-testid="reservation-release"
                    onClick={() =>
                      void deviceCall(() => call("rack_release", { rack: view.rack.id, id }))
                    }
                  >
                    {t("rack.release")}
                  </Button>
                </li>
              ))}
            </ul>
          </section>
        )}
        {parked.length > 0 && (
          <section className="rack-offrails" data-testid="rack-offrails">
            <h3>{t("rack.offRails")}</h3>
            <ul>
              {parked.map((device) => (
                <li key={device.id}>
                  <button
                    type="button"
                    className={`offrails-item ${selected === device.id ? "selected" : ""}`}
                    data-testid="offrails-device"
                    data-label={device.placement.label}
                    onClick={() => setSelected(device.id)}
                    onPointerDown={(event) => startMove(event, device)}
                  >
                    {device.placement.label}
                    <span className="muted">
                      {heightHu(device) === 0 ? t("rack.zeroU") : t("rack.parked")}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
      </section>
      {selectedDevice !== undefined ? (
        <DevicePanel
          view={view}
          device={selectedDevice}
          busy={busy}
          onCheck={onCheck}
          onStatus={onStatus}
          onNotes={onNotes}
          onRemove={removeSelected}
          onSaved={show}
        />
      ) : (
        <aside className="device-panel device-panel-empty">
          <p className="muted">{t("rack.selectHint")}</p>
          <p className="muted">{t("rack.keysHint")}</p>
        </aside>
      )}
      {drag?.started === true && (
        <div
          ref={ghost}
          className={`drag-ghost ${preview === null ? "" : preview.ok ? "ok" : "refused"}`}
          aria-hidden="true"
          data-testid="drag-ghost"
        >
          {drag.source.label}
        </div>
      )}
      {asking !== null && <MoveConfirm pending={asking} onClose={() => setAsking(null)} />}
      {reserving && (
        <ReserveDialog
          view={view}
          onClose={() => setReserving(false)}
          onSaved={(next) => {
            show(next);
            setReserving(false);
          }}
        />
      )}
    </div>
  );
}
