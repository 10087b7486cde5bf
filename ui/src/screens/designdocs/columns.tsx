// The design documents list's columns.
import type { DocRow } from "../../bindings/DocRow";
import type { GridColumn } from "../../components/DataGrid";
import type { MessageKey } from "../../i18n";
import { formatDateTime } from "../../lib/format";

export const designDocRowHeight = 36;

export function kindKey(kind: string): MessageKey {
  return `designdoc.kind.${kind}` as MessageKey;
}

export function stateKey(state: string): MessageKey {
  return `designdoc.state.${state}` as MessageKey;
}

export const designDocColumns: readonly GridColumn<DocRow>[] = [
  { id: "title", header: "designdoc.col.title", width: 240, grow: 2, cell: (row) => row.title },
  { id: "kind", header: "designdoc.col.kind", width: 110, cell: (row, t) => t(kindKey(row.kind)) },
  {
    id: "state",
    header: "designdoc.col.state",
    width: 130,
    cellTestId: "designdoc-row-state",
    cell: (row, t) => (
      <span className={`designdoc-state state-${row.state}`}>{t(stateKey(row.state))}</span>
    ),
  },
  {
    id: "version",
    header: "designdoc.col.version",
    width: 70,
    className: "tabular",
    cell: (row) => (row.current_version === null ? "—" : `v${row.current_version}`),
  },
  { id: "owner", header: "designdoc.col.owner", width: 100, cell: (row) => row.owner.name },
  {
    id: "updated",
    header: "designdoc.col.updated",
    width: 150,
    className: "tabular",
    cell: (row, _t, language) => formatDateTime(row.updated_at_ms, language),
  },
];
