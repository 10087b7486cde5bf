// The quotes side by side (issue 19): vendors as COLUMNS and lines as ROWS, as people lay them
// out in a spreadsheet (a row-wise comparison is what sends them back to Excel). Each cell is
// the vendor's unit price and line total; the lowest line total in won is marked ★ in every
// column that has it; the foot holds each vendor's total (the lowest full total marked), the
// lines it left out, lead time, warranty, validity, payment terms and score. Ten vendors fit a
// 1280-pixel window: the grid scrolls sideways inside itself with the line column kept in
// place. It is one ARIA grid with one cell in the Tab order: arrow keys, Home and End move.
import { memo, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import type { Comparison } from "../../../bindings/Comparison";
import type { ComparedLine } from "../../../bindings/ComparedLine";
import type { ComparedVendor } from "../../../bindings/ComparedVendor";
import type { Currency } from "../../../bindings/Currency";
import { useLanguage, useT } from "../../../i18n";
import { locale } from "../../../lib/format";
import { useGridViewport } from "../../../lib/useGridViewport";

const minorDigits: Record<Currency, number> = { KRW: 0, JPY: 0, USD: 2, EUR: 2, CNY: 2 };
const formats = new Map<string, Intl.NumberFormat>();

/** An amount in minor units with thousands separators, in the language's way (as
 * `formatAmount`, with one formatter per language and digits: a comparison of 10 vendors ×
 * 200 lines formats 4,000 amounts, and making a formatter each time cost most of its draw). */
export function money(amountMinor: number, currency: Currency, language: "ko" | "en"): string {
  const digits = minorDigits[currency];
  const key = `${language}:${digits}`;
  let format = formats.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(locale(language), {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formats.set(key, format);
  }
  return format.format(amountMinor / 10 ** digits);
}

/** A won amount: `12,500,000`. */
export function won(amount: number, language: "ko" | "en"): string {
  return money(amount, "KRW", language);
}

type Row = { key: string; head: ReactNode; cells: ReactNode[]; foot?: boolean };

/** The fixed heights the window of drawn lines is computed from (procurement.css), and the
 * grid's box: at most min(72vh, 620px) high with its border. */
const headerHeight = 56;
const lineHeight = 64;
const expectedHeight = () => Math.min(window.innerHeight * 0.72, 620) - 2 - headerHeight;

/** Drawn again only for a new comparison (or language): the detail around it re-renders as
 * each of its other reads arrives, and its cells are not worth drawing again for that. */
export const ComparisonGrid = memo(function ComparisonGrid(props: { comparison: Comparison }) {
  const t = useT();
  const { language } = useLanguage();
  const { comparison } = props;
  const vendors = comparison.vendors;
  const [active, setActive] = useState<[number, number]>([0, 0]);
  const table = useRef<HTMLTableElement>(null);

  const vendorCell = (vendor: ComparedVendor, body: (v: ComparedVendor) => ReactNode) =>
    vendor.quoted ? body(vendor) : <span className="cmp-muted">—</span>;

  // Only the lines in view are drawn (200 lines × 10 vendors would be 2,000 cells).
  const bodyRow = (line: ComparedLine, index: number): Row => ({
    key: line.key,
    head: (
      <div className="cmp-line" data-testid="cmp-line" data-line={line.key}>
        <span className="cmp-line-name" title={line.description}>
          {index + 1}. {line.description}
        </span>
        <span className="cmp-line-meta">
          {[line.manufacturer, line.part_number].filter((part) => part !== "").join(" · ")}
          {" · "}
          {t("proc.cmp.qty")} {line.quantity} {line.unit}
        </span>
      </div>
    ),
    cells: vendors.map((vendor, column) => {
      const cell = line.cells[column] ?? null;
      const selected = line.selected === vendor.vendor;
      if (cell === null) {
        return (
          <span
            className="cmp-muted"
            data-testid="cmp-cell"
            data-line={line.key}
            data-vendor={vendor.name}
            data-best="false"
          >
            {vendor.quoted ? t("proc.cmp.notQuoted") : "—"}
          </span>
        );
      }
      return (
        <div
          className={`cmp-price${cell.best ? " is-best" : ""}${selected ? " is-selected" : ""}`}
          data-testid="cmp-cell"
          data-line={line.key}
          data-vendor={vendor.name}
          data-best={cell.best ? "true" : "false"}
          data-selected={selected ? "true" : "false"}
        >
          <span className="cmp-unit mono">{money(cell.unit_minor, vendor.currency, language)}</span>
          <span className="cmp-sum tabular">
            {money(cell.total_minor, vendor.currency, language)}
            {vendor.currency !== "KRW" && ` (${won(cell.total_krw, language)})`}
          </span>
          {cell.best && (
            <span className="cmp-best" data-testid="cmp-best" title={t("proc.cmp.best")}>
              {t("proc.cmp.bestMark")}
            </span>
          )}
        </div>
      );
    }),
  });

  const footRows: Row[] = [
    {
      key: "total",
      foot: true,
      head: t("proc.cmp.total"),
      cells: vendors.map((vendor) =>
        vendor.quoted ? (
          <div
            className={`cmp-total${vendor.lowest_total ? " is-best" : ""}`}
            data-testid="cmp-total"
            data-vendor={vendor.name}
            data-krw={vendor.total_krw}
            data-lowest={vendor.lowest_total ? "true" : "false"}
          >
            <span className="mono">
              {money(vendor.total_minor, vendor.currency, language)} {vendor.currency}
            </span>
            {vendor.currency !== "KRW" && (
              <span className="cmp-sum tabular">{won(vendor.total_krw, language)} KRW</span>
            )}
            {vendor.lowest_total && <span className="cmp-best">★ {t("proc.cmp.lowestTotal")}</span>}
            {vendor.missing.length > 0 && (
              <span className="cmp-warn">
                {t("proc.cmp.missing", { count: vendor.missing.length })}
              </span>
            )}
          </div>
        ) : (
          <span className="cmp-muted" data-testid="cmp-total" data-vendor={vendor.name}>
            {t("proc.cmp.noReply")}
          </span>
        ),
      ),
    },
    {
      key: "lead",
      foot: true,
      head: t("proc.cmp.leadTime"),
      cells: vendors.map((vendor) =>
        vendorCell(vendor, (v) => t("proc.cmp.days", { n: v.lead_time_days })),
      ),
    },
    {
      key: "warranty",
      foot: true,
      head: t("proc.cmp.warranty"),
      cells: vendors.map((vendor) =>
        vendorCell(vendor, (v) => t("proc.cmp.months", { n: v.warranty_months })),
      ),
    },
    {
      key: "valid",
      foot: true,
      head: t("proc.cmp.validUntil"),
      cells: vendors.map((vendor) => vendorCell(vendor, (v) => v.valid_until || "—")),
    },
    {
      key: "terms",
      foot: true,
      head: t("proc.cmp.terms"),
      cells: vendors.map((vendor) => vendorCell(vendor, (v) => v.payment_terms || "—")),
    },
    {
      key: "score",
      foot: true,
      head: t("proc.cmp.score"),
      cells: vendors.map((vendor) =>
        vendor.score === null ? (
          <span className="cmp-muted">{t("proc.cmp.noScore")}</span>
        ) : (
          <span className="mono" data-testid="cmp-score" data-vendor={vendor.name}>
            {vendor.score.toFixed(1)}
          </span>
        ),
      ),
    },
  ];

  // Row 0 is the header; then the lines; then the foot. Column 0 is the line column.
  const lineCount = comparison.lines.length;
  const rows = lineCount + footRows.length + 1;
  const columns = vendors.length + 1;
  const { scroller, visible, onScroll } = useGridViewport({
    headerHeight,
    rowHeight: lineHeight,
    rowCount: lineCount,
    overscan: 3,
    cursor: active[0] >= 1 && active[0] <= lineCount ? active[0] - 1 : -1,
    queryKey: comparison.request,
    keepAs: `cmp-grid-${comparison.request}`,
    expectedHeight: expectedHeight(),
  });
  // A move to a line not drawn yet focuses it once the grid has scrolled there.
  const focusWanted = useRef(false);
  useEffect(() => {
    if (!focusWanted.current) return;
    const cell = table.current?.querySelector<HTMLElement>(
      `[data-cell="${active[0]}:${active[1]}"]`,
    );
    if (cell !== null && cell !== undefined) {
      focusWanted.current = false;
      cell.focus();
    }
  });
  const move = (row: number, column: number) => {
    const next: [number, number] = [
      Math.max(0, Math.min(rows - 1, row)),
      Math.max(0, Math.min(columns - 1, column)),
    ];
    setActive(next);
    const cell = table.current?.querySelector<HTMLElement>(`[data-cell="${next[0]}:${next[1]}"]`);
    if (cell !== null && cell !== undefined) cell.focus();
    else focusWanted.current = true;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    const [row, column] = active;
    const moves: Record<string, () => void> = {
      ArrowDown: () => move(row + 1, column),
      ArrowUp: () => move(row - 1, column),
      ArrowRight: () => move(row, column + 1),
      ArrowLeft: () => move(row, column - 1),
      Home: () => (event.ctrlKey ? move(0, 0) : move(row, 0)),
      End: () => (event.ctrlKey ? move(rows - 1, columns - 1) : move(row, columns - 1)),
      PageDown: () => move(rows - 1, column),
      PageUp: () => move(0, column),
    };
    const action = moves[event.key];
    if (action !== undefined) {
      event.preventDefault();
      action();
    }
  };
  const cellProps = (row: number, column: number) => ({
    "data-cell": `${row}:${column}`,
    tabIndex: active[0] === row && active[1] === column ? 0 : -1,
    onFocus: () => setActive([row, column]),
  });

  return (
    <div className="cmp-scroll" data-testid="cmp-scroll" ref={scroller} onScroll={onScroll}>
      <table
        ref={table}
        className="cmp-grid"
        role="grid"
        aria-label={t("proc.cmp.grid")}
        aria-rowcount={rows}
        aria-colcount={columns}
        data-testid="cmp-grid"
        data-vendors={vendors.length}
        onKeyDown={onKeyDown}
      >
        <thead>
          <tr role="row">
            <th role="columnheader" scope="col" className="cmp-sticky" {...cellProps(0, 0)}>
              {t("proc.cmp.line")}
            </th>
            {vendors.map((vendor, column) => (
              <th
                key={vendor.vendor}
                role="columnheader"
                scope="col"
                className="cmp-vendor"
                data-testid="cmp-vendor"
                data-vendor={vendor.name}
                {...cellProps(0, column + 1)}
              >
                <span className="cmp-vendor-name" title={vendor.name}>
                  {vendor.name}
                </span>
                <span className="cmp-vendor-meta">
                  {vendor.quoted
                    ? `${vendor.received_on} · ${vendor.currency}`
                    : t("proc.rfq.replyByOn", { date: vendor.reply_by })}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {visible.first > 0 && (
            <tr
              aria-hidden="true"
              className="cmp-spacer"
              style={{ height: visible.first * lineHeight }}
            />
          )}
          {comparison.lines.slice(visible.first, visible.end).map((line, offset) => {
            const index = visible.first + offset;
            const row = bodyRow(line, index);
            return (
              <tr role="row" key={row.key} aria-rowindex={index + 2} className="cmp-body-row">
                <th
                  role="rowheader"
                  scope="row"
                  className="cmp-sticky"
                  {...cellProps(index + 1, 0)}
                >
                  {row.head}
                </th>
                {row.cells.map((cell, column) => (
                  <td role="gridcell" key={column} {...cellProps(index + 1, column + 1)}>
                    {cell}
                  </td>
                ))}
              </tr>
            );
          })}
          {visible.end < lineCount && (
            <tr
              aria-hidden="true"
              className="cmp-spacer"
              style={{ height: (lineCount - visible.end) * lineHeight }}
            />
          )}
        </tbody>
        <tfoot>
          {footRows.map((row, index) => {
            const at = lineCount + 1 + index;
            return (
              <tr
                role="row"
                key={row.key}
                aria-rowindex={at + 1}
                className={`cmp-foot cmp-foot-${row.key}`}
              >
                <th role="rowheader" scope="row" className="cmp-sticky" {...cellProps(at, 0)}>
                  {row.head}
                </th>
                {row.cells.map((cell, column) => (
                  <td role="gridcell" key={column} {...cellProps(at, column + 1)}>
                    {cell}
                  </td>
                ))}
              </tr>
            );
          })}
        </tfoot>
      </table>
    </div>
  );
});
