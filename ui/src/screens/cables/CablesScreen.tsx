import { useEffect, useRef, useState } from "react";
import type { CableQuery } from "../../bindings/CableQuery";
import type { CableStatus } from "../../bindings/CableStatus";
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
import { formatCount } from "../../lib/format";
import { useAnyModalOpen } from "../../lib/modalStack";
import { useKept, type OpenRequest } from "../../lib/navigation";
import { cacheKey } from "../../lib/queryCache";
import { useShortcuts } from "../../lib/shortcuts";
import { usePagedRows } from "../../lib/usePagedRows";
import { useSettled } from "../../lib/useSettled";
import { AddCableDialog } from "./AddCableDialog";
import { BulkPlanDialog } from "./BulkPlanDialog";
import { ChangeList } from "../../components/ChangeList";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import type { CableStatusPreview } from "../../bindings/CableStatusPreview";
import { useUndoToast } from "../../lib/undo";
import { CableDetail } from "./CableDetail";
import { cableStatuses, refusalLines } from "./cableText";
import { cableColumns, cableRowHeight } from "./columns";
import { CsvImportButton } from "./CsvImportButton";
import { RackOptions } from "./EndPicker";
import { PrintLabelsDialog } from "./PrintLabelsDialog";
import { ScheduleDialog } from "./ScheduleDialog";
import { SchemeDialog } from "./SchemeDialog";

type DialogName = "add" | "bulk" | "print" | "scheme" | "schedule";

/** The filters of the cable list: a query without its window. */
type CableFilters = Omit<CableQuery, "offset" | "limit">;

const noFilters: CableFilters = { search: "", status: null, rack: null, unlabelled: false };

/**
 * The cabling plan: every cable with both ends named, filtered by text, status, rack or
 * "not labelled yet"; a selection to move through install or print labels for; planning one
 * cable or a bulk run; CSV in and out; test results; the label scheme; and one cable's detail.
 */
export function CablesScreen(props: { opening?: OpenRequest }) {
  const t = useT();
  const { language } = useLanguage();
  const toast = useToast();
  const modalOpen = useAnyModalOpen();
  // Kept while another screen is shown (and restored by Back); a link opens its cable.
  const [filters, setFilters] = useKept<CableFilters>("filters", noFilters);
  const [searchText, setSearchText] = useKept("searchText", "");
  const [selected, setSelected] = useKept<ReadonlySet<string>>("selected", () => new Set());
  const [cursor, setCursor] = useKept("cursor", -1);
  const [openId, setOpenId] = useKept<string | null>(
    "openId",
    null,
    props.opening?.kind === "cable" ? props.opening.id : undefined,
  );
  const [dialog, setDialog] = useState<DialogName | null>(null);
  const [busy, setBusy] = useState(false);
  const searchInput = useRef<HTMLInputElement>(null);

  const settledSearch = useSettled(searchText, 150);
  useEffect(
    () =>
      setFilters((old) => (old.search === settledSearch ? old : { ...old, search: settledSearch })),
    [settledSearch],
  );
  // A new filter is a new list: the selection and cursor belonged to the old one.
  const filterKey = JSON.stringify(filters);
  const shownFilterKey = useRef(filterKey);
  useEffect(() => {
    if (shownFilterKey.current === filterKey) return;
    shownFilterKey.current = filterKey;
    setSelected(new Set());
    setCursor(-1);
  }, [filterKey]);

  // The list, read a page at a time; the first page carries the totals the screen needs
  // before the table is shown.
  const pages = usePagedRows({
    key: cacheKey("cable_page", filters),
    load: (offset, limit) => call("cable_page", { query: { ...filters, offset, limit } }),
  });
  const totals =
    pages.firstPage === undefined
      ? undefined
      : { total: pages.firstPage.total, all: pages.firstPage.all };
  const error = pages.error;
  const total = totals?.total ?? 0;
  const allSelected = total > 0 && selected.size === total;

  const toggle = (id: string) =>
    setSelected((old) => {
      const next = new Set(old);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const toggleAll = async () => {
    if (allSelected) {
      setSelected(new Set());
      return;
    }
    const ids = await call("cable_ids", { query: { ...filters, offset: 0, limit: 0 } });
    setSelected(new Set(ids));
  };
  // A status change shows what it will change first (how many, which), then offers 되돌리기.
  const [statusPreview, setStatusPreview] = useState<{
    status: CableStatus;
    preview: CableStatusPreview;
  } | null>(null);
  const undoToast = useUndoToast();
  const setStatus = async (status: CableStatus) => {
    setBusy(true);
    try {
      const preview = await call("cable_status_preview", { ids: [...selected], status });
      setStatusPreview({ status, preview });
    } catch (failure) {
      toast(refusalLines(t, failure).join(" · "), "error");
    } finally {
      setBusy(false);
    }
  };
  const confirmStatus = async () => {
    if (statusPreview === null) return;
    const { status } = statusPreview;
    setBusy(true);
    try {
      const done = await call("cable_status", { ids: [...selected], status });
      setStatusPreview(null);
      undoToast(
        t("cable.statusChanged", { count: done.changed, status: t(`cable.status.${status}`) }),
        done.undo,
      );
    } catch (failure) {
      toast(refusalLines(t, failure).join(" · "), "error");
    } finally {
      setBusy(false);
    }
  };
  const exportCsv = async () => {
    try {
      const result = await call("cable_export", {});
      toast(t("cable.exported", { count: result.rows, path: result.path }), "success");
    } catch (failure) {
      toast(t("toast.failed", { message: describeError(t, failure) }), "error");
    }
  };

  // N and B are edits: an account that may not make them gets the reason instead.
  const access = useEditAccess();
  const editing = (open: () => void) => () => {
    const refused = access.reason("records");
    if (refused === undefined) open();
    else toast(refused, "error");
  };
  useShortcuts(
    {
      "/": () => searchInput.current?.focus(),
      n: editing(() => setDialog("add")),
      b: editing(() => setDialog("bulk")),
      p: () => setDialog("print"),
      ArrowDown: () => setCursor((at) => Math.min(total - 1, at + 1)),
      ArrowUp: () => setCursor((at) => Math.max(0, at - 1)),
      " ": () => {
        const row = cursor < 0 ? undefined : pages.row(cursor);
        if (row !== undefined) toggle(row.id);
      },
      Enter: () => {
        const row = cursor < 0 ? undefined : pages.row(cursor);
        if (row !== undefined) setOpenId(row.id);
      },
      Escape: () => setOpenId(null),
    },
    !modalOpen,
  );

  const empty = totals !== undefined && totals.all === 0;
  return (
    <div
      className={`cables-screen ${openId !== null ? "with-detail" : ""}`}
      data-testid="cables-screen"
    >
      <header className="toolbar">
        <div className="toolbar-title">
          <h1 className="page-title">{t("cable.title")}</h1>
          {totals !== undefined && (
            <span className="count" data-testid="cable-count">
              {totals.total === totals.all
                ? formatCount(totals.all, language)
                : t("cable.countOf", {
                    count: formatCount(totals.total, language),
                    all: formatCount(totals.all, language),
                  })}
            </span>
          )}
        </div>
        <div className="toolbar-actions">
          <Button
            edits="records"
            size="sm"
            icon={<Icon name="pencil" size={14} />}
            onClick={() => setDialog("scheme")}
            data-testid="open-scheme"
          >
            {t("cable.scheme.open")}
          </Button>
          <CsvImportButton
            command="cable_import"
            label="cable.import.cables"
            done="cable.import.cablesDone"
            testId="cable-import"
          />
          <CsvImportButton
            command="cable_tests_import"
            label="cable.import.tests"
            done="cable.import.testsDone"
            testId="tests-import"
          />
          <Button
            size="sm"
            icon={<Icon name="file" size={14} />}
            onClick={() => setDialog("schedule")}
            data-testid="open-schedule"
          >
            {t("cable.schedule.open")}
          </Button>
          <Button
            size="sm"
            icon={<Icon name="download" size={14} />}
            onClick={() => void exportCsv()}
            data-testid="cable-export"
          >
            {t("cable.export")}
          </Button>
          <Button
            size="sm"
            icon={<Icon name="printer" size={14} />}
            onClick={() => setDialog("print")}
            shortcut="P"
            data-testid="open-print"
          >
            {t("cable.print.open")}
          </Button>
          <Button
            edits="records"
            size="sm"
            icon={<Icon name="layers" size={14} />}
            onClick={() => setDialog("bulk")}
            shortcut="B"
            data-testid="open-bulk"
          >
            {t("cable.bulk.open")}
          </Button>
          <Button
            edits="records"
            size="sm"
            variant="primary"
            icon={<Icon name="plus" size={14} />}
            onClick={() => setDialog("add")}
            shortcut="N"
            data-testid="open-add"
          >
            {t("cable.add")}
          </Button>
        </div>
      </header>
      <div className="filter-bar cable-filters">
        <label className="search">
          <Icon name="search" size={14} className="search-icon" />
          <input
            ref={searchInput}
            className="search-input"
            type="search"
            value={searchText}
            placeholder={t("cable.search")}
            aria-label={t("cable.search")}
            data-testid="cable-search"
            onChange={(event) => setSearchText(event.target.value)}
          />
        </label>
        <select
          value={filters.status ?? ""}
          aria-label={t("cable.col.status")}
          data-testid="cable-filter-status"
          onChange={(event) =>
            setFilters({
              ...filters,
              status: event.target.value === "" ? null : (event.target.value as CableStatus),
            })
          }
        >
          <option value="">{t("cable.anyStatus")}</option>
          {cableStatuses.map((status) => (
            <option key={status} value={status}>
              {t(`cable.status.${status}`)}
            </option>
          ))}
        </select>
        <select
          value={filters.rack ?? ""}
          aria-label={t("cable.end.rack")}
          data-testid="cable-filter-rack"
          onChange={(event) =>
            setFilters({ ...filters, rack: event.target.value === "" ? null : event.target.value })
          }
        >
          <option value="">{t("cable.anyRack")}</option>
          <RackOptions />
        </select>
        <label className="checkbox-line">
          <input
            type="checkbox"
            checked={filters.unlabelled}
            data-testid="cable-filter-unlabelled"
            onChange={(event) => setFilters({ ...filters, unlabelled: event.target.checked })}
          />
          {t("cable.unlabelledOnly")}
        </label>
      </div>
      {selected.size > 0 && (
        <div className="selection-bar" data-testid="selection-bar">
          <span>{t("cable.selected", { count: formatCount(selected.size, language) })}</span>
          <Button
            edits="records"
            size="sm"
            busy={busy}
            onClick={() => void setStatus("installed")}
            data-testid="selection-installed"
          >
            {t("cable.to.installed")}
          </Button>
          <Button edits="records" size="sm" busy={busy} onClick={() => void setStatus("planned")}>
            {t("cable.to.planned")}
          </Button>
          <Button
            edits="records"
            size="sm"
            busy={busy}
            variant="ghost"
            onClick={() => void setStatus("decommissioned")}
          >
            {t("cable.to.decommissioned")}
          </Button>
          <Button
            size="sm"
            icon={<Icon name="printer" size={14} />}
            onClick={() => setDialog("print")}
            data-testid="selection-print"
          >
            {t("cable.print.open")}
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setSelected(new Set())}>
            {t("cable.clearSelection")}
          </Button>
        </div>
      )}
      <div className="cables-body">
        {error !== undefined && totals === undefined ? (
          <div className="center-message" role="alert">
            <p>{describeError(t, error)}</p>
          </div>
        ) : totals === undefined ? (
          <div className="center-message">
            <Spinner size={20} label={t("common.loading")} />
          </div>
        ) : empty ? (
          <EmptyState
            icon="cable"
            title={t("cable.empty.title")}
            body={t("cable.empty.body")}
            testId="cables-empty"
            actions={
              <>
                <Button edits="records" variant="primary" onClick={() => setDialog("bulk")}>
                  {t("cable.bulk.open")}
                </Button>
                <Button edits="records" onClick={() => setDialog("add")}>
                  {t("cable.add")}
                </Button>
              </>
            }
          />
        ) : total === 0 ? (
          <p className="center-message muted" data-testid="cables-none-match">
            {t("cable.noneMatch")}
          </p>
        ) : (
          <DataGrid
            rows={pages}
            columns={cableColumns}
            rowKey={(row) => row.id}
            rowHeight={cableRowHeight}
            label={t("cable.table")}
            testId="cable-table"
            rowTestId="cable-row"
            rowData={(row) => ({ "data-label": row.label })}
            cursor={cursor}
            openedKey={openId}
            onRowClick={(row, index) => {
              setCursor(index);
              setOpenId(row.id);
            }}
            checkboxes={{
              checked: (row) => allSelected || selected.has(row.id),
              allChecked: allSelected,
              onToggle: (row) => toggle(row.id),
              onToggleAll: () => void toggleAll(),
              rowLabel: (row) => t("cable.select", { label: row.label }),
              allLabel: t("cable.selectAll"),
              testId: "cable-check",
            }}
          />
        )}
        {openId !== null && (
          <CableDetail key={openId} id={openId} onClose={() => setOpenId(null)} />
        )}
      </div>
      {dialog === "add" && (
        <AddCableDialog
          onClose={() => setDialog(null)}
          onAdded={(id) => {
            setDialog(null);
            setOpenId(id);
          }}
        />
      )}
      {dialog === "bulk" && (
        <BulkPlanDialog
          onClose={() => setDialog(null)}
          onPlanned={(ids) => {
            setDialog(null);
            setSelected(new Set(ids));
          }}
        />
      )}
      {dialog === "print" && (
        <PrintLabelsDialog
          selected={[...selected]}
          onClose={() => setDialog(null)}
          onPrinted={() => setDialog(null)}
        />
      )}
      {statusPreview !== null && (
        <ConfirmDialog
          title={t("cable.statusConfirm.title", {
            status: t(`cable.status.${statusPreview.status}`),
          })}
          summary={t("cable.statusConfirm.summary", {
            count: formatCount(statusPreview.preview.changing, language),
            status: t(`cable.status.${statusPreview.status}`),
          })}
          confirmLabel={t("cable.statusConfirm.go", {
            count: formatCount(statusPreview.preview.changing, language),
          })}
          disabled={statusPreview.preview.changing === 0}
          busy={busy}
          onConfirm={() => void confirmStatus()}
          onClose={() => setStatusPreview(null)}
          testId="cable-status-confirm"
        >
          <ChangeList
            rows={statusPreview.preview.changes.map((change) => ({
              key: change.cable,
              name: change.label,
              was: change.field === "status" ? t(`cable.status.${change.was}`) : "",
              now: change.field === "status" ? t(`cable.status.${change.now}`) : "",
            }))}
            total={statusPreview.preview.changing}
          />
        </ConfirmDialog>
      )}
      {dialog === "scheme" && <SchemeDialog onClose={() => setDialog(null)} />}
      {dialog === "schedule" && <ScheduleDialog onClose={() => setDialog(null)} />}
    </div>
  );
}
