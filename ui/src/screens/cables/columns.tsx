// The cable list's columns for the shared <DataGrid> (which adds the selection checkboxes).
// Ends and labels may be longer than their column: cut with "…", whole on hover.
import type { CableRow } from "../../bindings/CableRow";
import type { GridColumn } from "../../components/DataGrid";
import { Icon } from "../../components/Icon";
import { CableStatusBadge } from "./CableStatusBadge";
import { endText, kindText } from "./cableText";

/** Every row of the cable list has this height (the grid places rows by it). */
export const cableRowHeight = 36;

function CutText({ text, title = text }: { text: string; title?: string }) {
  return (
    <span className="cell-text" title={title}>
      {text}
    </span>
  );
}

export const cableColumns: readonly GridColumn<CableRow>[] = [
  {
    id: "label",
    header: "cable.col.label",
    width: 200,
    grow: 1.5,
    className: "mono",
    cell: (row) => <CutText text={row.label} title={`${row.label}\n${row.label_b}`} />,
  },
  {
    id: "a",
    header: "cable.col.a",
    width: 200,
    grow: 1.4,
    cell: (row, t) => <CutText text={endText(t, row.a)} />,
  },
  {
    id: "b",
    header: "cable.col.b",
    width: 200,
    grow: 1.4,
    cell: (row, t) => <CutText text={endText(t, row.b)} />,
  },
  { id: "kind", header: "cable.col.kind", width: 72, cell: (row) => kindText(row.kind) },
  {
    id: "length",
    header: "cable.col.length",
    width: 76,
    align: "end",
    className: "tabular",
    cell: (row) => (row.length === null ? "" : `${row.length} ${row.length_unit}`),
  },
  {
    id: "status",
    header: "cable.col.status",
    width: 104,
    cell: (row) => <CableStatusBadge status={row.status} />,
  },
  {
    id: "printed",
    header: "cable.col.printed",
    width: 44,
    cellTestId: "cable-printed",
    cell: (row, t) =>
      row.needs_reprint ? (
        <span
          className="cable-reprint"
          title={t("cable.reprint")}
          aria-label={t("cable.reprint")}
          data-reprint="true"
        >
          <Icon name="alert" size={14} />
        </span>
      ) : (
        row.printed_at_ms !== null && (
          <span title={t("cable.printed")} aria-label={t("cable.printed")}>
            <Icon name="tag" size={14} />
          </span>
        )
      ),
  },
];
