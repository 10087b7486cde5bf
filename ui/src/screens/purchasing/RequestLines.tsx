// A purchase request's lines in its detail: a <DataGrid> of the lines in the request's order,
// only the rows in view drawn (a request of 200 lines drew 200 list items on every render of
// the detail, which re-renders as each of its reads arrives). At most eight rows high; more
// scroll inside it.
import { memo, useMemo } from "react";
import type { PurchaseRequest } from "../../bindings/PurchaseRequest";
import { DataGrid } from "../../components/DataGrid";
import { useT } from "../../i18n";
import { rowsInHand } from "../../lib/usePagedRows";
import { type KeyedLine, lineColumns, lineRowHeight } from "./columns";

/** Rows shown before the lines scroll, the grid's header and room for a sideways scroll bar,
 * and the rows drawn beyond those in view. */
const shownRows = 8;
const headerHeight = 34;
const scrollbarHeight = 14;
const overscan = 3;

export const RequestLines = memo(function RequestLines(props: {
  id: string;
  lines: PurchaseRequest["lines"];
}) {
  const t = useT();
  const rows = useMemo(() => {
    const sorted: KeyedLine[] = Object.entries(props.lines)
      .map(([key, line]) => ({ ...line, key }))
      .sort((a, b) => a.position - b.position);
    return rowsInHand(props.id, sorted);
  }, [props.id, props.lines]);
  const rowsHeight = Math.min(rows.total ?? 0, shownRows) * lineRowHeight + scrollbarHeight;
  return (
    <section className="detail-section" data-testid="request-detail-lines">
      <h3 className="section-title">{t("request.lines")}</h3>
      <div className="request-line-grid" style={{ height: rowsHeight + headerHeight }}>
        <DataGrid
          rows={rows}
          columns={lineColumns}
          rowKey={(line) => line.key}
          rowHeight={lineRowHeight}
          label={t("request.lines")}
          testId="request-detail-line-grid"
          rowTestId="request-detail-line"
          rowData={(line) => ({ "data-line": line.key })}
          cursor={-1}
          openedKey={null}
          onRowClick={() => undefined}
          overscan={overscan}
          expectedHeight={rowsHeight}
        />
      </div>
    </section>
  );
});
