import { memo, useEffect } from "react";
import { Icon } from "../../components/Icon";
import { useLanguage, useT, type Language, type Translate } from "../../i18n";
import { ensureRows, readRow } from "../../lib/assetPages";
import type { AssetRow } from "../../lib/dto";
import type { ListState } from "../../lib/listQuery";
import { useCache, useCacheVersion } from "../../lib/useCommand";
import { useGridViewport } from "../../lib/useGridViewport";
import { columns, gridTemplate, tableMinWidth } from "./columns";

export const rowHeight = 34;
const headerHeight = 34;
const overscan = 12;

interface AssetTableProps {
  listState: ListState;
  total: number;
  selectedIndex: number;
  openedId: string | null;
  onSelect: (index: number) => void;
  onOpen: (row: AssetRow, index: number) => void;
  onSort: (field: ListState["filters"][number]["field"]) => void;
}

/**
 * The asset list as a virtualised grid: a fixed row height, only the rows in view (plus
 * `overscan`) in the DOM, and their pages fetched through the query cache as they come
 * into view. Rows not fetched yet show as placeholders.
 */
export function AssetTable({
  listState,
  total,
  selectedIndex,
  openedId,
  onSelect,
  onOpen,
  onSort,
}: AssetTableProps) {
  const t = useT();
  const { language } = useLanguage();
  const cache = useCache();
  useCacheVersion(cache);
  const { scroller, visible, onScroll } = useGridViewport({
    headerHeight,
    rowHeight,
    rowCount: total,
    overscan,
    cursor: selectedIndex,
    queryKey: JSON.stringify([listState.search, listState.filters, listState.sort]),
  });
  useEffect(() => {
    ensureRows(cache, listState, visible.first, visible.end);
  });

  const rows = [];
  for (let index = visible.first; index < visible.end; index += 1) {
    const row = readRow(cache, listState, index);
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
          aria-rowindex={index + 2}
          style={style}
        >
          {columns.map((column) => (
            <div key={column.id} className="grid-cell" role="gridcell">
              <span className="skeleton" />
            </div>
          ))}
        </div>,
      );
      continue;
    }
    rows.push(
      <GridRow
        key={row.asset.id}
        row={row}
        index={index}
        selected={index === selectedIndex}
        opened={row.asset.id === openedId}
        language={language}
        t={t}
        onSelect={onSelect}
        onOpen={onOpen}
      />,
    );
  }

  return (
    <div
      ref={scroller}
      className="grid-scroller"
      role="grid"
      aria-label={t("assets.table")}
      aria-rowcount={total + 1}
      data-testid="asset-table"
      onScroll={onScroll}
    >
      <div
        className="grid-header"
        role="row"
        aria-rowindex={1}
        style={{ gridTemplateColumns: gridTemplate, minWidth: tableMinWidth }}
      >
        {columns.map((column) => {
          const sorted = listState.sort?.field === column.sortField ? listState.sort : undefined;
          return (
            <div
              key={column.id}
              role="columnheader"
              className={`grid-headcell ${column.align === "end" ? "align-end" : ""}`}
              aria-sort={
                sorted === undefined ? "none" : sorted.descending ? "descending" : "ascending"
              }
            >
              <button
                type="button"
                className="sort-button"
                data-testid={`sort-${column.id}`}
                onClick={() => onSort(column.sortField)}
              >
                <span>{t(column.label)}</span>
                {sorted !== undefined && (
                  <Icon
                    name={sorted.descending ? "arrowDown" : "arrowUp"}
                    size={12}
                    className="sort-arrow"
                  />
                )}
              </button>
            </div>
          );
        })}
      </div>
      <div
        className="grid-body"
        style={{ height: visible.totalHeight, minWidth: tableMinWidth }}
        role="rowgroup"
      >
        {rows}
      </div>
    </div>
  );
}

interface GridRowProps {
  row: AssetRow;
  index: number;
  selected: boolean;
  opened: boolean;
  language: Language;
  t: Translate;
  onSelect: (index: number) => void;
  onOpen: (row: AssetRow, index: number) => void;
}

/**
 * One row. Memoised: while scrolling, rows that stay in the window keep their props and are
 * not rendered again, so a frame only renders the few rows that scroll into view.
 */
const GridRow = memo(function GridRow({
  row,
  index,
  selected,
  opened,
  language,
  t,
  onSelect,
  onOpen,
}: GridRowProps) {
  return (
    <div
      className={`grid-row ${selected ? "is-selected" : ""} ${opened ? "is-opened" : ""}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      style={{ transform: `translateY(${index * rowHeight}px)`, gridTemplateColumns: gridTemplate }}
      data-testid="asset-row"
      data-asset-tag={row.asset.asset_tag}
      data-index={index}
      onClick={() => {
        onSelect(index);
        onOpen(row, index);
      }}
    >
      {columns.map((column) => (
        <div
          key={column.id}
          className={`grid-cell ${column.align === "end" ? "align-end" : ""} ${column.mono ? "tabular" : ""}`}
          role="gridcell"
        >
          {column.render(row, t, language)}
        </div>
      ))}
    </div>
  );
});
