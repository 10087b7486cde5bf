// The one list grid: a virtualised, paged table for long lists (assets, cables, and any later
// list). Fixed row height; only the rows in view (plus `overscan`) are in the DOM; their pages
// come through `usePagedRows` as they scroll into view, and rows not fetched yet show as
// placeholders. Sorting, a keyboard cursor, an opened row and checkbox selection are optional.
import { memo, useEffect, useRef, type MouseEvent, type ReactNode } from "react";
import { useLanguage, useT, type Language, type MessageKey, type Translate } from "../i18n";
import { useGridViewport } from "../lib/useGridViewport";
import type { PagedRows } from "../lib/usePagedRows";
import { Icon } from "./Icon";

export interface GridColumn<Row, SortKey extends string = string> {
  id: string;
  header: MessageKey;
  /** Minimum width in pixels. */
  width: number;
  /** Share of any spare width (fr); columns without it keep their width. */
  grow?: number;
  align?: "end";
  /** More classes for the cells: `tabular` for figures, `mono` for codes. */
  className?: string;
  /** What the header sorts by; a column without it has a plain header. */
  sortKey?: SortKey;
  /** The cells' test id, when end-to-end tests look for them. */
  cellTestId?: string;
  cell: (row: Row, t: Translate, language: Language) => ReactNode;
}

/**
 * A cell too narrow for its text ends it with "…"; resting the pointer on it shows the whole
 * text as a tooltip ("Palo Alto Networks", not "Palo Alto Networ"). Measured when the pointer
 * arrives, so columns resized since are measured as they are.
 */
function titleIfCut(event: MouseEvent<HTMLElement>) {
  const content = event.currentTarget;
  const cut = content.scrollWidth > content.clientWidth;
  if (cut) content.title = content.textContent ?? "";
  else content.removeAttribute("title");
}

/** The columns' CSS grid template: minimum widths, spare width shared by `grow`. */
function gridTemplate(columns: readonly { width: number; grow?: number }[]): string {
  return columns
    .map((column) =>
      column.grow === undefined
        ? `${column.width}px`
        : `minmax(${column.width}px, ${column.grow}fr)`,
    )
    .join(" ");
}

/** A checkbox per row and one for all, for lists whose selection is a set of rows. */
export interface GridCheckboxes<Row> {
  checked: (row: Row) => boolean;
  allChecked: boolean;
  onToggle: (row: Row) => void;
  onToggleAll: () => void;
  /** The checkbox's accessible name for a row. */
  rowLabel: (row: Row) => string;
  allLabel: string;
  /** The rows' checkboxes' test id; the header's is `{testId}-all`. */
  testId: string;
}

export interface DataGridProps<Row, SortKey extends string = string> {
  rows: PagedRows<Row>;
  columns: readonly GridColumn<Row, SortKey>[];
  rowKey: (row: Row) => string;
  /** The row height in pixels; the layout depends on every row having it. */
  rowHeight: number;
  /** The grid's accessible name. */
  label: string;
  testId: string;
  rowTestId: string;
  /** More `data-` attributes of a row, for tests (`{ "data-label": row.label }`). */
  rowData?: (row: Row) => Record<`data-${string}`, string>;
  /** The row the keyboard is on (-1: none): highlighted and scrolled into view. */
  cursor: number;
  /** The row whose detail is open. */
  openedKey: string | null;
  onRowClick: (row: Row, index: number) => void;
  /** The sort in force, shown on its header. */
  sort?: { key: SortKey; descending: boolean };
  onSort?: (sortKey: SortKey) => void;
  /** With checkboxes a row is selected when checked; without, when the cursor is on it. */
  checkboxes?: GridCheckboxes<Row>;
}

const headerHeight = 34;
const overscan = 12;
const checkboxWidth = 36;

export function DataGrid<Row, SortKey extends string = string>(props: DataGridProps<Row, SortKey>) {
  const { rows, columns, rowHeight, checkboxes } = props;
  const t = useT();
  const { language } = useLanguage();
  const total = rows.total ?? 0;
  const { scroller, visible, onScroll } = useGridViewport({
    headerHeight,
    rowHeight,
    rowCount: total,
    overscan,
    cursor: props.cursor,
    queryKey: rows.key,
    keepAs: props.testId,
  });
  useEffect(() => rows.ensure(visible.first, visible.end));
  // Rows read the latest handlers through this ref, so a parent's new closures do not render
  // every row again.
  const latest = useRef(props);
  latest.current = props;

  const template = gridTemplate(
    checkboxes === undefined ? columns : [{ width: checkboxWidth }, ...columns],
  );
  const minWidth = columns.reduce(
    (sum, column) => sum + column.width,
    checkboxes === undefined ? 0 : checkboxWidth,
  );

  const body = [];
  for (let index = visible.first; index < visible.end; index += 1) {
    const row = rows.row(index);
    if (row === undefined) {
      body.push(
        <div
          key={`placeholder-${index}`}
          className="grid-row grid-row-placeholder"
          role="row"
          aria-rowindex={index + 2}
          style={rowStyle(rowHeight, template, index)}
        >
          {checkboxes !== undefined && <div className="grid-cell" role="gridcell" />}
          {columns.map((column) => (
            <div key={column.id} className="grid-cell" role="gridcell">
              <span className="skeleton" />
            </div>
          ))}
        </div>,
      );
      continue;
    }
    const key = props.rowKey(row);
    const checked = checkboxes?.checked(row);
    body.push(
      <GridRow
        key={key}
        row={row}
        index={index}
        rowHeight={rowHeight}
        template={template}
        withCheckbox={checkboxes !== undefined}
        columns={columns as readonly GridColumn<unknown, string>[]}
        atCursor={index === props.cursor}
        opened={key === props.openedKey}
        checked={checked}
        latest={latest as unknown as GridRowProps["latest"]}
        t={t}
        language={language}
      />,
    );
  }

  return (
    <div
      ref={scroller}
      className="grid-scroller"
      role="grid"
      aria-label={props.label}
      aria-rowcount={total + 1}
      aria-multiselectable={checkboxes === undefined ? undefined : true}
      data-testid={props.testId}
      onScroll={onScroll}
    >
      <div
        className="grid-header"
        role="row"
        aria-rowindex={1}
        style={{ gridTemplateColumns: template, minWidth }}
      >
        {checkboxes !== undefined && (
          <div className="grid-headcell" role="columnheader">
            <input
              type="checkbox"
              checked={checkboxes.allChecked}
              aria-label={checkboxes.allLabel}
              data-testid={`${checkboxes.testId}-all`}
              onChange={checkboxes.onToggleAll}
            />
          </div>
        )}
        {columns.map((column) => (
          <HeaderCell key={column.id} column={column} sort={props.sort} onSort={props.onSort} />
        ))}
      </div>
      <div className="grid-body" style={{ height: visible.totalHeight, minWidth }} role="rowgroup">
        {body}
      </div>
    </div>
  );
}

function HeaderCell<Row, SortKey extends string>(props: {
  column: GridColumn<Row, SortKey>;
  sort: DataGridProps<Row, SortKey>["sort"];
  onSort: DataGridProps<Row, SortKey>["onSort"];
}) {
  const t = useT();
  const { column, onSort } = props;
  const className = `grid-headcell ${column.align === "end" ? "align-end" : ""}`;
  if (column.sortKey === undefined || onSort === undefined) {
    return (
      <div className={className} role="columnheader">
        {t(column.header)}
      </div>
    );
  }
  const { sortKey } = column;
  const sorted = props.sort?.key === sortKey ? props.sort : undefined;
  return (
    <div
      role="columnheader"
      className={className}
      aria-sort={sorted === undefined ? "none" : sorted.descending ? "descending" : "ascending"}
    >
      <button
        type="button"
        className="sort-button"
        data-testid={`sort-${column.id}`}
        onClick={() => onSort(sortKey)}
      >
        <span>{t(column.header)}</span>
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
}

function rowStyle(rowHeight: number, template: string, index: number) {
  return {
    transform: `translateY(${index * rowHeight}px)`,
    height: rowHeight,
    gridTemplateColumns: template,
  };
}

interface GridRowProps {
  row: unknown;
  index: number;
  rowHeight: number;
  template: string;
  withCheckbox: boolean;
  columns: readonly GridColumn<unknown>[];
  atCursor: boolean;
  opened: boolean;
  /** Undefined without checkboxes. */
  checked: boolean | undefined;
  latest: { readonly current: DataGridProps<unknown> };
  t: Translate;
  language: Language;
}

/**
 * One row. Memoised: while scrolling, rows that stay in the window keep their props and are
 * not rendered again, so a frame only renders the few rows that scroll into view.
 */
const GridRow = memo(function GridRow(props: GridRowProps) {
  const { row, index, columns, checked, latest, t, language } = props;
  const grid = latest.current;
  return (
    <div
      className={`grid-row ${props.atCursor ? "is-selected" : ""} ${props.opened ? "is-opened" : ""}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={checked ?? props.atCursor}
      style={rowStyle(props.rowHeight, props.template, index)}
      data-testid={grid.rowTestId}
      data-index={index}
      {...grid.rowData?.(row)}
      onClick={() => latest.current.onRowClick(row, index)}
    >
      {props.withCheckbox && (
        <div className="grid-cell" role="gridcell" onClick={(event) => event.stopPropagation()}>
          <input
            type="checkbox"
            checked={checked === true}
            aria-label={grid.checkboxes?.rowLabel(row)}
            data-testid={grid.checkboxes?.testId}
            onChange={() => latest.current.checkboxes?.onToggle(row)}
          />
        </div>
      )}
      {columns.map((column) => (
        <div
          key={column.id}
          className={[
            "grid-cell",
            column.align === "end" ? "align-end" : "",
            column.className ?? "",
          ].join(" ")}
          role="gridcell"
          data-testid={column.cellTestId}
        >
          <span className="grid-cell-content" onMouseEnter={titleIfCut}>
            {column.cell(row, t, language)}
          </span>
        </div>
      ))}
    </div>
  );
});
