// The one list grid: a virtualised, paged table for long lists (assets, cables, and any later
// list). Fixed row height; only the rows in view (plus `overscan`) are in the DOM; their pages
// come through `usePagedRows` as they scroll into view, and rows not fetched yet show as
// placeholders. Sorting, a keyboard cursor, an opened row and checkbox selection are optional.
// Every grid lets the user drag a column's width (or set it with ←/→ on the header's edge),
// hide columns from the 열 menu, and keeps its first column (what names the row) in view while
// scrolling sideways; the arrangement is kept per grid (lib/columnLayout.ts).
import {
  memo,
  useEffect,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type MouseEvent,
  type PointerEvent,
  type ReactNode,
} from "react";
import { useLanguage, useT, type Language, type MessageKey, type Translate } from "../i18n";
import { useColumnLayout } from "../lib/columnLayout";
import { useGridViewport } from "../lib/useGridViewport";
import type { PagedRows } from "../lib/usePagedRows";
import { Icon } from "./Icon";
import { Popover } from "./Popover";

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
  /** Rows drawn beyond the viewport either side (12; a short grid inside a detail needs
   * fewer). */
  overscan?: number;
  /** The rows' viewport height when the grid's box is sized before it is drawn (see
   * `useGridViewport`'s `expectedHeight`). */
  expectedHeight?: number;
}

const headerHeight = 34;
const defaultOverscan = 12;
const checkboxWidth = 36;

export function DataGrid<Row, SortKey extends string = string>(props: DataGridProps<Row, SortKey>) {
  const { rows, rowHeight, checkboxes } = props;
  const arranged = useColumnLayout(props.testId, props.columns[0]?.id);
  const columns = props.columns
    .filter((column) => !arranged.layout.hidden.includes(column.id))
    .map((column) => {
      const width = arranged.layout.widths[column.id];
      return width === undefined ? column : { ...column, width, grow: undefined };
    });
  const t = useT();
  const { language } = useLanguage();
  const total = rows.total ?? 0;
  const { scroller, visible, onScroll } = useGridViewport({
    headerHeight,
    rowHeight,
    rowCount: total,
    overscan: props.overscan ?? defaultOverscan,
    expectedHeight: props.expectedHeight,
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
          {checkboxes !== undefined && <div className="grid-cell is-sticky-box" role="gridcell" />}
          {columns.map((column, columnIndex) => (
            <div
              key={column.id}
              className={`grid-cell ${columnIndex === 0 ? "is-sticky" : ""}`}
              role="gridcell"
            >
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

  const frameStyle = {
    "--sticky-left": `${checkboxes === undefined ? 0 : checkboxWidth}px`,
  } as CSSProperties;
  return (
    <div className="grid-frame" style={frameStyle}>
      <ColumnsMenu
        gridId={props.testId}
        columns={props.columns}
        hidden={arranged.layout.hidden}
        onToggle={arranged.toggle}
        onReset={arranged.reset}
      />
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
            <div className="grid-headcell is-sticky-box" role="columnheader">
              <input
                type="checkbox"
                checked={checkboxes.allChecked}
                aria-label={checkboxes.allLabel}
                data-testid={`${checkboxes.testId}-all`}
                onChange={checkboxes.onToggleAll}
              />
            </div>
          )}
          {columns.map((column, columnIndex) => (
            <HeaderCell
              key={column.id}
              column={column}
              sticky={columnIndex === 0}
              sort={props.sort}
              onSort={props.onSort}
              onResize={arranged.setWidth}
            />
          ))}
        </div>
        <div
          className="grid-body"
          style={{ height: visible.totalHeight, minWidth }}
          role="rowgroup"
        >
          {body}
        </div>
      </div>
    </div>
  );
}

/** The 열 menu: which columns show (all but the first may hide), and back to the default. */
function ColumnsMenu<Row, SortKey extends string>(props: {
  gridId: string;
  columns: readonly GridColumn<Row, SortKey>[];
  hidden: readonly string[];
  onToggle: (id: string) => void;
  onReset: () => void;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <Popover
      open={open}
      onClose={() => setOpen(false)}
      align="end"
      className="grid-columns"
      testId={`${props.gridId}-columns`}
      anchor={
        <button
          type="button"
          className="grid-columns-button"
          aria-haspopup="menu"
          aria-expanded={open}
          aria-label={t("grid.columns")}
          title={t("grid.columns")}
          data-testid={`${props.gridId}-columns-button`}
          onClick={() => setOpen((value) => !value)}
        >
          <Icon name="layers" size={14} />
        </button>
      }
    >
      <div role="menu" aria-label={t("grid.columns")} className="menu">
        {props.columns.map((column, index) => (
          <label key={column.id} className="menu-item">
            <input
              type="checkbox"
              checked={!props.hidden.includes(column.id)}
              disabled={index === 0}
              data-testid={`${props.gridId}-column-${column.id}`}
              onChange={() => props.onToggle(column.id)}
            />
            <span className="menu-item-label">{t(column.header)}</span>
          </label>
        ))}
        <div className="menu-separator" role="separator" />
        <button
          type="button"
          role="menuitem"
          className="menu-item"
          data-testid={`${props.gridId}-columns-reset`}
          onClick={() => {
            props.onReset();
            setOpen(false);
          }}
        >
          <span className="menu-item-label">{t("grid.resetColumns")}</span>
        </button>
      </div>
    </Popover>
  );
}

/** Keys on a column's edge: ← and → make it 16 px narrower or wider. */
const RESIZE_STEP = 16;

/** The drag handle on a header cell's right edge. */
function ResizeHandle(props: { label: string; testId: string; onResize: (width: number) => void }) {
  const widthOf = (handle: Element) => handle.parentElement?.getBoundingClientRect().width ?? 0;
  const onPointerDown = (event: PointerEvent<HTMLSpanElement>) => {
    event.preventDefault();
    event.stopPropagation();
    const startX = event.clientX;
    const startWidth = widthOf(event.currentTarget);
    const move = (moved: globalThis.PointerEvent) =>
      props.onResize(startWidth + moved.clientX - startX);
    const end = () => {
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", end);
    };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", end);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLSpanElement>) => {
    const step = { ArrowLeft: -RESIZE_STEP, ArrowRight: RESIZE_STEP }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    props.onResize(widthOf(event.currentTarget) + step);
  };
  return (
    <span
      className="grid-resize"
      role="separator"
      aria-orientation="vertical"
      aria-label={props.label}
      tabIndex={0}
      data-testid={props.testId}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
      onClick={(event) => event.stopPropagation()}
    />
  );
}

function HeaderCell<Row, SortKey extends string>(props: {
  column: GridColumn<Row, SortKey>;
  sticky: boolean;
  sort: DataGridProps<Row, SortKey>["sort"];
  onSort: DataGridProps<Row, SortKey>["onSort"];
  onResize: (id: string, width: number) => void;
}) {
  const t = useT();
  const { column, onSort } = props;
  const className = [
    "grid-headcell",
    column.align === "end" ? "align-end" : "",
    props.sticky ? "is-sticky" : "",
  ].join(" ");
  const handle = (
    <ResizeHandle
      label={t("grid.resize", { column: t(column.header) })}
      testId={`resize-${column.id}`}
      onResize={(width) => props.onResize(column.id, width)}
    />
  );
  if (column.sortKey === undefined || onSort === undefined) {
    return (
      <div className={className} role="columnheader">
        {t(column.header)}
        {handle}
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
      {handle}
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
        <div
          className="grid-cell is-sticky-box"
          role="gridcell"
          onClick={(event) => event.stopPropagation()}
        >
          <input
            type="checkbox"
            checked={checked === true}
            aria-label={grid.checkboxes?.rowLabel(row)}
            data-testid={grid.checkboxes?.testId}
            onChange={() => latest.current.checkboxes?.onToggle(row)}
          />
        </div>
      )}
      {columns.map((column, columnIndex) => (
        <div
          key={column.id}
          className={[
            "grid-cell",
            columnIndex === 0 ? "is-sticky" : "",
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
