import { useEffect } from "react";
import type { CableRow } from "../../bindings/CableRow";
import { Icon } from "../../components/Icon";
import { useT } from "../../i18n";
import { useCache, useCacheVersion } from "../../lib/useCommand";
import { useGridViewport } from "../../lib/useGridViewport";
import { CableStatusBadge } from "./CableStatusBadge";
import { ensureCableRows, readCableRow, type CableFilters } from "./cablePages";
import { endText, kindText } from "./cableText";

const rowHeight = 36;
const headerHeight = 34;
const overscan = 12;
const gridTemplate =
  "36px minmax(200px, 1.5fr) minmax(200px, 1.4fr) minmax(200px, 1.4fr) 72px 76px 104px 44px";

/**
 * The cable list as a virtualised grid, like the asset list: fixed rows, only those in view
 * in the DOM, pages fetched as they scroll in. Each row has a checkbox; a click opens it.
 */
export function CableTable(props: {
  filters: CableFilters;
  total: number;
  selected: ReadonlySet<string>;
  allSelected: boolean;
  cursor: number;
  openId: string | null;
  onToggle: (row: CableRow) => void;
  onToggleAll: () => void;
  onOpen: (row: CableRow, index: number) => void;
}) {
  const t = useT();
  const cache = useCache();
  useCacheVersion(cache);
  const { scroller, visible, onScroll } = useGridViewport({
    headerHeight,
    rowHeight,
    rowCount: props.total,
    overscan,
    cursor: props.cursor,
    queryKey: JSON.stringify(props.filters),
  });
  useEffect(() => {
    ensureCableRows(cache, props.filters, visible.first, visible.end);
  });

  const rows = [];
  for (let index = visible.first; index < visible.end; index += 1) {
    const row = readCableRow(cache, props.filters, index);
    const style = {
      transform: `translateY(${index * rowHeight}px)`,
      gridTemplateColumns: gridTemplate,
    };
    if (row === undefined) {
      rows.push(
        <div
          key={`placeholder-${index}`}
          className="grid-row grid-row-placeholder"
          role="row"
          style={style}
        >
          <div className="grid-cell" role="gridcell">
            <span className="skeleton" />
          </div>
        </div>,
      );
      continue;
    }
    const checked = props.allSelected || props.selected.has(row.id);
    rows.push(
      <div
        key={row.id}
        className={[
          "grid-row",
          index === props.cursor ? "is-selected" : "",
          row.id === props.openId ? "is-opened" : "",
        ].join(" ")}
        role="row"
        aria-rowindex={index + 2}
        aria-selected={checked}
        style={style}
        data-testid="cable-row"
        data-label={row.label}
        onClick={() => props.onOpen(row, index)}
      >
        <div className="grid-cell" role="gridcell" onClick={(event) => event.stopPropagation()}>
          <input
            type="checkbox"
            checked={checked}
            aria-label={t("cable.select", { label: row.label })}
            data-testid="cable-check"
            onChange={() => props.onToggle(row)}
          />
        </div>
        <div className="grid-cell mono" role="gridcell">
          <span className="cell-text" title={`${row.label}\n${row.label_b}`}>
            {row.label}
          </span>
        </div>
        <EndCell text={endText(t, row.a)} />
        <EndCell text={endText(t, row.b)} />
        <div className="grid-cell" role="gridcell">
          {kindText(row.kind)}
        </div>
        <div className="grid-cell align-end tabular" role="gridcell">
          {row.length === null ? "" : `${row.length} ${row.length_unit}`}
        </div>
        <div className="grid-cell" role="gridcell">
          <CableStatusBadge status={row.status} />
        </div>
        <div className="grid-cell" role="gridcell" data-testid="cable-printed">
          {row.printed_at_ms !== null && (
            <span title={t("cable.printed")} aria-label={t("cable.printed")}>
              <Icon name="tag" size={14} />
            </span>
          )}
        </div>
      </div>,
    );
  }

  return (
    <div
      ref={scroller}
      className="grid-scroller"
      role="grid"
      aria-label={t("cable.table")}
      aria-rowcount={props.total + 1}
      aria-multiselectable="true"
      data-testid="cable-table"
      onScroll={onScroll}
    >
      <div
        className="grid-header"
        role="row"
        aria-rowindex={1}
        style={{ gridTemplateColumns: gridTemplate }}
      >
        <div className="grid-headcell" role="columnheader">
          <input
            type="checkbox"
            checked={props.allSelected}
            aria-label={t("cable.selectAll")}
            data-testid="cable-check-all"
            onChange={props.onToggleAll}
          />
        </div>
        {(["label", "a", "b", "kind", "length", "status", "printed"] as const).map((column) => (
          <div key={column} className="grid-headcell" role="columnheader">
            {t(`cable.col.${column}`)}
          </div>
        ))}
      </div>
      <div className="grid-body" style={{ height: visible.totalHeight }} role="rowgroup">
        {rows}
      </div>
    </div>
  );
}

/** An end that may be longer than its column: cut with "…", whole on hover. */
function EndCell({ text }: { text: string }) {
  return (
    <div className="grid-cell" role="gridcell">
      <span className="cell-text" title={text}>
        {text}
      </span>
    </div>
  );
}
