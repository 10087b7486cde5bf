// 설계 문서 / Design documents (issue 20): the documents found by words, kind, state and
// "waiting for me"; one document's detail beside the list (versions, preview, review).
// Keys: / search, N new, ↑/↓ move, Enter open, Esc close.
import { useEffect, useRef, useState } from "react";
import type { DesignDocFilter } from "../../bindings/DesignDocFilter";
import { Button } from "../../components/Button";
import { DataGrid } from "../../components/DataGrid";
import { EmptyState } from "../../components/EmptyState";
import { Icon } from "../../components/Icon";
import { Spinner } from "../../components/Spinner";
import { useLanguage, useT } from "../../i18n";
import { describeError } from "../../lib/errors";
import { formatCount } from "../../lib/format";
import { useAnyModalOpen } from "../../lib/modalStack";
import { useKept, type OpenRequest } from "../../lib/navigation";
import { useShortcuts } from "../../lib/shortcuts";
import { useCommand } from "../../lib/useCommand";
import { rowsInHand } from "../../lib/usePagedRows";
import { useSettled } from "../../lib/useSettled";
import { designDocColumns, designDocRowHeight, kindKey, stateKey } from "./columns";
import { DocDetail } from "./DocDetail";
import { NewDocDialog } from "./NewDocDialog";
import { loadPdfJs } from "./Preview";

export const docKinds = [
  "architecture",
  "network",
  "power_cooling",
  "rack_layout",
  "cabling",
  "security",
  "procedure",
  "other",
] as const;

const docStates = [
  "draft",
  "in_review",
  "changes_requested",
  "approved",
  "rejected",
  "superseded",
  "outdated",
] as const;

const noFilter: DesignDocFilter = { words: "", kind: "", state: "", waitingForMe: false };

export function DesignDocsScreen(props: { opening?: OpenRequest }) {
  const t = useT();
  const { language } = useLanguage();
  const modalOpen = useAnyModalOpen();
  const [filter, setFilter] = useKept<DesignDocFilter>("designdocFilter", noFilter);
  const [cursor, setCursor] = useKept("designdocCursor", -1);
  const [openId, setOpenId] = useKept<string | null>(
    "designdocOpen",
    null,
    props.opening?.kind === "designdoc" ? props.opening.id : undefined,
  );
  const [adding, setAdding] = useState(false);
  const searchInput = useRef<HTMLInputElement>(null);
  // pdf.js and its worker load while the list is read, not after a document is clicked.
  useEffect(() => {
    if (typeof Worker !== "undefined") void loadPdfJs().catch(() => undefined);
  }, []);
  const words = useSettled(filter.words, 150);
  const all = useCommand("designdoc_list", { filter: noFilter });
  const list = useCommand("designdoc_list", { filter: { ...filter, words } });
  const rows = list.data ?? [];
  const grid = rowsInHand(`designdoc_list:${JSON.stringify({ ...filter, words })}`, rows);

  useShortcuts(
    {
      "/": () => searchInput.current?.focus(),
      n: () => setAdding(true),
      ArrowDown: () => setCursor((at) => Math.min(rows.length - 1, at + 1)),
      ArrowUp: () => setCursor((at) => Math.max(0, at - 1)),
      Enter: () => {
        const row = rows[cursor];
        if (row !== undefined) setOpenId(row.id);
      },
      Escape: () => setOpenId(null),
    },
    !modalOpen && openId === null,
  );

  let body;
  if (list.error !== undefined && list.data === undefined) {
    body = (
      <div className="center-message" role="alert">
        <p>{describeError(t, list.error)}</p>
      </div>
    );
  } else if (list.data === undefined || all.data === undefined) {
    body = (
      <div className="center-message">
        <Spinner size={20} label={t("common.loading")} />
      </div>
    );
  } else if (all.data.length === 0) {
    body = (
      <EmptyState
        icon="file"
        title={t("designdoc.empty.title")}
        body={t("designdoc.empty.body")}
        testId="designdocs-empty"
        actions={
          <Button edits="records" variant="primary" onClick={() => setAdding(true)}>
            {t("designdoc.add")}
          </Button>
        }
      />
    );
  } else if (rows.length === 0) {
    body = (
      <p className="center-message muted" data-testid="designdocs-none-match">
        {t("designdoc.noneMatch")}
      </p>
    );
  } else {
    body = (
      <DataGrid
        rows={grid}
        columns={designDocColumns}
        rowKey={(row) => row.id}
        rowHeight={designDocRowHeight}
        label={t("designdoc.table")}
        testId="designdoc-table"
        rowTestId="designdoc-row"
        rowData={(row) => ({ "data-title": row.title, "data-state": row.state })}
        cursor={cursor}
        openedKey={openId}
        onRowClick={(row, index) => {
          setCursor(index);
          setOpenId(row.id);
        }}
      />
    );
  }

  return (
    <div className="designdocs-screen" data-testid="designdocs-screen">
      <div className="filter-bar designdoc-filters">
        <label className="search">
          <Icon name="search" size={14} className="search-icon" />
          <input
            ref={searchInput}
            className="search-input"
            type="search"
            value={filter.words}
            placeholder={t("designdoc.search")}
            aria-label={t("designdoc.search")}
            data-testid="designdoc-search"
            onChange={(event) => setFilter({ ...filter, words: event.target.value })}
          />
        </label>
        <select
          value={filter.kind}
          aria-label={t("designdoc.col.kind")}
          data-testid="designdoc-filter-kind"
          onChange={(event) => setFilter({ ...filter, kind: event.target.value })}
        >
          <option value="">{t("designdoc.anyKind")}</option>
          {docKinds.map((kind) => (
            <option key={kind} value={kind}>
              {t(kindKey(kind))}
            </option>
          ))}
        </select>
        <select
          value={filter.state}
          aria-label={t("designdoc.col.state")}
          data-testid="designdoc-filter-state"
          onChange={(event) => setFilter({ ...filter, state: event.target.value })}
        >
          <option value="">{t("designdoc.anyState")}</option>
          {docStates.map((state) => (
            <option key={state} value={state}>
              {t(stateKey(state))}
            </option>
          ))}
        </select>
        <label className="checkbox-label">
          <input
            type="checkbox"
            checked={filter.waitingForMe}
            data-testid="designdoc-filter-mine"
            onChange={(event) => setFilter({ ...filter, waitingForMe: event.target.checked })}
          />
          {t("designdoc.waitingForMe")}
        </label>
        {list.data !== undefined && list.data.length > 0 && (
          <span className="count" data-testid="designdoc-count">
            {t("designdoc.count", { count: formatCount(list.data.length, language) })}
          </span>
        )}
        <Button
          edits="records"
          size="sm"
          variant="primary"
          icon={<Icon name="plus" size={14} />}
          shortcut="N"
          onClick={() => setAdding(true)}
          data-testid="designdoc-add"
        >
          {t("designdoc.add")}
        </Button>
      </div>
      <div className="designdocs-body">
        {openId === null ? (
          body
        ) : (
          <DocDetail key={openId} id={openId} onClose={() => setOpenId(null)} />
        )}
      </div>
      {adding && (
        <NewDocDialog
          onClose={() => setAdding(false)}
          onSaved={(id) => {
            setAdding(false);
            setOpenId(id);
          }}
        />
      )}
    </div>
  );
}
