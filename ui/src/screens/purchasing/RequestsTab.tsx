// 구매 요청: every purchase request, newest first, found by words and status, or only those
// waiting for me (the 결재 inbox); one request's detail beside the list; a new draft.
import { useEffect, useRef, useState } from "react";
import type { RequestQuery } from "../../bindings/RequestQuery";
import type { RequestRow } from "../../bindings/RequestRow";
import type { Status } from "../../bindings/Status";
import { Button } from "../../components/Button";
import { DataGrid } from "../../components/DataGrid";
import { EmptyState } from "../../components/EmptyState";
import { Icon } from "../../components/Icon";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { useLanguage, useT } from "../../i18n";
import { call } from "../../ipc";
import { useEditAccess } from "../../lib/editAccess";
import { describeError } from "../../lib/errors";
import { formatCount, localDate } from "../../lib/format";
import { useAnyModalOpen } from "../../lib/modalStack";
import { useKept, type OpenRequest } from "../../lib/navigation";
import { cacheKey } from "../../lib/queryCache";
import { useCache } from "../../lib/useCommand";
import { useShortcuts } from "../../lib/shortcuts";
import { usePagedRows } from "../../lib/usePagedRows";
import { useSettled } from "../../lib/useSettled";
import { requestColumns, requestColumnsBesideDetail, requestRowHeight } from "./columns";
import { startProcurementReads } from "./procurement/Procurement";
import { RequestDetail, startRequestReads } from "./RequestDetail";
import { RequestDialog } from "./RequestDialog";

export const statuses: readonly Status[] = [
  "draft",
  "submitted",
  "in_review",
  "changes_requested",
  "approved",
  "rejected",
  "quotes_requested",
  "vendor_selected",
  "ordered",
  "partly_received",
  "received",
  "completed",
  "cancelled",
];

type RequestFilters = Omit<RequestQuery, "offset" | "limit">;

const noFilters: RequestFilters = {
  text: "",
  statuses: [],
  budget: "",
  vendor: "",
  requester: "",
  waiting_for_me: false,
};

export function RequestsTab(props: { opening?: OpenRequest }) {
  const t = useT();
  const { language } = useLanguage();
  const modalOpen = useAnyModalOpen();
  const [filters, setFilters] = useKept<RequestFilters>("requestFilters", noFilters);
  const [searchText, setSearchText] = useKept("requestSearch", "");
  const [cursor, setCursor] = useKept("requestCursor", -1);
  const [openId, setOpenId] = useKept<string | null>(
    "requestOpen",
    null,
    props.opening?.kind === "purchase" ? props.opening.id : undefined,
  );
  const [adding, setAdding] = useState(false);
  const searchInput = useRef<HTMLInputElement>(null);
  const settledSearch = useSettled(searchText, 150);
  useEffect(
    () => setFilters((old) => (old.text === settledSearch ? old : { ...old, text: settledSearch })),
    [settledSearch],
  );
  const today = localDate();
  const pages = usePagedRows({
    key: cacheKey("purchase_page", { ...filters, today }),
    load: (offset, limit) => call("purchase_page", { query: { ...filters, offset, limit }, today }),
  });
  const first = pages.firstPage;
  const total = first?.total ?? 0;
  const filtered = JSON.stringify(filters) !== JSON.stringify(noFilters);
  const access = useEditAccess();
  const toast = useToast();
  const cache = useCache();
  /** Opens a request of the list: its detail's reads all start now, as the row is chosen. */
  const open = (row: RequestRow) => {
    startRequestReads(cache, row.id);
    startProcurementReads(cache, row.id, row.status);
    setOpenId(row.id);
  };
  useShortcuts(
    {
      "/": () => searchInput.current?.focus(),
      n: () => {
        const refused = access.reason("records");
        if (refused === undefined) setAdding(true);
        else toast(refused, "error");
      },
      ArrowDown: () => setCursor((at) => Math.min(total - 1, at + 1)),
      ArrowUp: () => setCursor((at) => Math.max(0, at - 1)),
      Enter: () => {
        const row = cursor < 0 ? undefined : pages.row(cursor);
        if (row !== undefined) open(row);
      },
      Escape: () => setOpenId(null),
    },
    !modalOpen,
  );

  let body;
  if (pages.error !== undefined && first === undefined) {
    body = (
      <div className="center-message" role="alert">
        <p>{describeError(t, pages.error)}</p>
      </div>
    );
  } else if (first === undefined) {
    body = (
      <div className="center-message">
        <Spinner size={20} label={t("common.loading")} />
      </div>
    );
  } else if (total === 0 && !filtered) {
    body = (
      <EmptyState
        icon="cart"
        title={t("request.empty.title")}
        body={t("request.empty.body")}
        testId="requests-empty"
        actions={
          <Button edits="records" variant="primary" onClick={() => setAdding(true)}>
            {t("request.add")}
          </Button>
        }
      />
    );
  } else if (total === 0) {
    body = (
      <p className="center-message muted" data-testid="requests-none-match">
        {t(filters.waiting_for_me ? "request.noneWaiting" : "request.noneMatch")}
      </p>
    );
  } else {
    body = (
      <DataGrid
        rows={pages}
        columns={openId === null ? requestColumns : requestColumnsBesideDetail}
        rowKey={(row) => row.id}
        rowHeight={requestRowHeight}
        label={t("request.table")}
        testId="request-table"
        rowTestId="request-row"
        rowData={(row) => ({ "data-number": row.number, "data-status": row.status })}
        cursor={cursor}
        openedKey={openId}
        onRowClick={(row, index) => {
          setCursor(index);
          open(row);
        }}
      />
    );
  }

  return (
    <div className="vendors-tab" data-testid="requests-tab">
      <div className="filter-bar vendor-filters">
        <label className="search">
          <Icon name="search" size={14} className="search-icon" />
          <input
            ref={searchInput}
            className="search-input"
            type="search"
            value={searchText}
            placeholder={t("request.search")}
            aria-label={t("request.search")}
            data-testid="request-search"
            onChange={(event) => setSearchText(event.target.value)}
          />
        </label>
        <select
          value={filters.statuses[0] ?? ""}
          aria-label={t("request.col.status")}
          data-testid="request-filter-status"
          onChange={(event) =>
            setFilters({
              ...filters,
              statuses: event.target.value === "" ? [] : [event.target.value as Status],
            })
          }
        >
          <option value="">{t("request.anyStatus")}</option>
          {statuses.map((status) => (
            <option key={status} value={status}>
              {t(`request.status.${status}`)}
            </option>
          ))}
        </select>
        <label className="checkbox-line">
          <input
            type="checkbox"
            checked={filters.waiting_for_me}
            data-testid="request-filter-mine"
            onChange={(event) => setFilters({ ...filters, waiting_for_me: event.target.checked })}
          />
          {t("request.waitingForMe")}
        </label>
        {first !== undefined && (
          <span className="count" data-testid="request-count">
            {t("request.count", { count: formatCount(total, language) })}
          </span>
        )}
        <Button
          edits="records"
          size="sm"
          variant="primary"
          className="vendor-add"
          icon={<Icon name="plus" size={14} />}
          onClick={() => setAdding(true)}
          data-testid="request-add"
        >
          {t("request.add")}
        </Button>
      </div>
      <div className="vendors-body">
        {body}
        {openId !== null && (
          <RequestDetail
            key={openId}
            id={openId}
            onClose={() => setOpenId(null)}
            onOpen={setOpenId}
          />
        )}
      </div>
      {adding && (
        <RequestDialog
          onClose={() => setAdding(false)}
          onSaved={(view) => {
            setAdding(false);
            setOpenId(view.request.id);
          }}
        />
      )}
    </div>
  );
}
