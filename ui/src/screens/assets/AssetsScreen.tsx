import { useEffect, useRef, useState } from "react";
import { Button } from "../../components/Button";
import { DataGrid } from "../../components/DataGrid";
import { EmptyState } from "../../components/EmptyState";
import { Icon } from "../../components/Icon";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { useLanguage, useT } from "../../i18n";
import { call } from "../../ipc";
import type { AssetRow, WorkspaceSummary } from "../../lib/dto";
import { useEditAccess } from "../../lib/editAccess";
import { describeError } from "../../lib/errors";
import { formatCount } from "../../lib/format";
import { buildQuery, emptyListState, toggleSort, type ListState } from "../../lib/listQuery";
import { useAnyModalOpen } from "../../lib/modalStack";
import { useKept } from "../../lib/navigation";
import { cacheKey } from "../../lib/queryCache";
import { useShortcuts } from "../../lib/shortcuts";
import { usePagedRows } from "../../lib/usePagedRows";
import { useSettled } from "../../lib/useSettled";
import { useCache, useCacheVersion } from "../../lib/useCommand";
import { AssetDetail } from "./AssetDetail";
import { AssetForm, type FormMode } from "./AssetForm";
import { assetColumns, assetRowHeight } from "./columns";
import { FilterBar } from "./FilterBar";
import { AssetTagsDialog } from "../labels/AssetTagsDialog";
import { BulkEditDialog } from "./BulkEditDialog";
import { ImportDialog } from "./ImportDialog";

const searchDelayMs = 150;

/** A request from elsewhere (the findings inbox) to show an asset, optionally in its form. */
export interface OpenAssetRequest {
  id: string;
  edit?: boolean;
}

/** The asset register: search, filters, the list, the detail panel, the form and import. */
export function AssetsScreen({
  workspace,
  openRequest,
}: {
  workspace: WorkspaceSummary;
  /** Each new request object opens its asset once. */
  openRequest?: OpenAssetRequest;
}) {
  const t = useT();
  const { language } = useLanguage();
  const toast = useToast();
  const cache = useCache();
  useCacheVersion(cache);
  const modalOpen = useAnyModalOpen();

  // The search, filters, sort, selection and open asset are kept while another screen is
  // shown (and restored by Back).
  const [listState, setListState] = useKept<ListState>("listState", emptyListState);
  const [searchText, setSearchText] = useKept("searchText", "");
  // The selection is a position (arrow keys move it) and the asset that was there: when a
  // write reorders the list, a different asset at that position is not shown as selected.
  const [selection, setSelection] = useKept<{ index: number; id: string | null }>("selection", {
    index: -1,
    id: null,
  });
  const [openedId, setOpenedId] = useKept<string | null>("openedId", null);
  const shownList = useRef(listState);
  const [form, setForm] = useState<FormMode | null>(null);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [printingTags, setPrintingTags] = useState(false);
  // The checked assets (a set of ids, across pages), for a bulk edit.
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const [bulkEditing, setBulkEditing] = useState(false);
  const searchInput = useRef<HTMLInputElement>(null);

  // Typing settles for a moment before the query runs.
  const settledSearch = useSettled(searchText, searchDelayMs);
  useEffect(
    () =>
      setListState((state) =>
        state.search === settledSearch ? state : { ...state, search: settledSearch },
      ),
    [settledSearch],
  );

  useEffect(() => {
    if (openRequest === undefined) return undefined;
    let cancelled = false;
    setOpenedId(openRequest.id);
    if (openRequest.edit === true) {
      const { id } = openRequest;
      cache
        .fetch(cacheKey("asset_get", { id }), () => call("asset_get", { id }))
        .then((row) => {
          if (!cancelled) setForm({ kind: "edit", row });
        })
        .catch((failure: unknown) =>
          toast(t("toast.failed", { message: describeError(t, failure) }), "error"),
        );
    }
    return () => {
      cancelled = true;
    };
    // Only a new request opens anything: re-rendering with the same one must not reopen it.
  }, [openRequest]);

  // Another query: the old selection means nothing in it.
  useEffect(() => {
    if (shownList.current === listState) return;
    shownList.current = listState;
    setSelection({ index: -1, id: null });
    setChecked(new Set());
  }, [listState]);

  // The list, read a page at a time; the first page's total decides between the grid and the
  // empty states.
  const pages = usePagedRows({
    key: cacheKey("asset_query", buildQuery(listState, 0, 0)),
    load: (offset, limit) => call("asset_query", { query: buildQuery(listState, offset, limit) }),
  });
  const total = pages.total;
  const rowAtSelection = selection.index >= 0 ? pages.row(selection.index) : undefined;
  const selectedIndex =
    selection.id === null || rowAtSelection?.asset.id === selection.id ? selection.index : -1;
  const select = (index: number) => setSelection({ index, id: pages.row(index)?.asset.id ?? null });
  const loadError = pages.error;
  const filtered = listState.search.trim() !== "" || listState.filters.length > 0;

  const openRow = (row: AssetRow | undefined) => {
    if (row !== undefined) setOpenedId(row.asset.id);
  };
  const editTarget = (): AssetRow | undefined => {
    const opened =
      openedId === null
        ? undefined
        : cache.read<AssetRow>(cacheKey("asset_get", { id: openedId })).data;
    return opened ?? (selectedIndex >= 0 ? pages.row(selectedIndex) : undefined);
  };
  const startEdit = () => {
    const row = editTarget();
    if (row !== undefined) setForm({ kind: "edit", row });
  };
  const clearAll = () => {
    setSearchText("");
    setListState((state) => ({ ...state, search: "", filters: [] }));
  };
  const focusSearch = () => {
    searchInput.current?.focus();
    searchInput.current?.select();
  };
  const move = (delta: number) => {
    if (total === undefined || total === 0) return;
    select(Math.max(0, Math.min(total - 1, selection.index < 0 ? 0 : selection.index + delta)));
  };

  // N, E and I are edits: an account that may not make them gets the reason instead.
  const access = useEditAccess();
  const editing = (open: () => void) => () => {
    const refused = access.reason("records");
    if (refused === undefined) open();
    else toast(refused, "error");
  };
  useShortcuts(
    {
      n: editing(() => setForm({ kind: "register" })),
      "/": focusSearch,
      e: editing(startEdit),
      i: editing(() => setImporting(true)),
      ArrowDown: () => move(1),
      ArrowUp: () => move(-1),
      PageDown: () => move(10),
      PageUp: () => move(-10),
      Enter: () => openRow(selectedIndex >= 0 ? pages.row(selectedIndex) : undefined),
      Escape: () => setOpenedId(null),
    },
    !modalOpen,
  );

  const exportCsv = async () => {
    setExporting(true);
    try {
      const result = await call("asset_export", { query: buildQuery(listState, 0, 0) });
      toast(
        t("toast.exported", { count: formatCount(result.rows, language), path: result.path }),
        "info",
      );
    } catch (failure) {
      toast(t("toast.failed", { message: describeError(t, failure) }), "error");
    } finally {
      setExporting(false);
    }
  };

  const afterWrite = () => cache.invalidate();

  const allChecked = total !== undefined && total > 0 && checked.size === total;
  const toggleChecked = (id: string) =>
    setChecked((old) => {
      const next = new Set(old);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const toggleAllChecked = async () => {
    if (allChecked) {
      setChecked(new Set());
      return;
    }
    try {
      setChecked(new Set(await call("asset_ids", { query: buildQuery(listState, 0, 0) })));
    } catch (failure) {
      toast(t("toast.failed", { message: describeError(t, failure) }), "error");
    }
  };

  let body;
  if (loadError !== undefined && total === undefined) {
    body = (
      <div className="center-message" role="alert">
        <p>{t("assets.loadFailed")}</p>
        <p className="muted">{describeError(t, loadError)}</p>
        <Button onClick={() => cache.invalidate()}>{t("common.retry")}</Button>
      </div>
    );
  } else if (total === 0 && !filtered) {
    body = (
      <EmptyState
        testId="assets-empty"
        icon="box"
        title={t("assets.emptyTitle")}
        body={t("assets.emptyBody")}
        actions={
          <>
            <Button
              icon={<Icon name="tag" />}
              onClick={() => setPrintingTags(true)}
              disabled={total === 0}
              data-testid="asset-tags-button"
            >
              {t("labels.assetTags")}
            </Button>
            <Button
              edits="records"
              variant="primary"
              icon={<Icon name="plus" />}
              onClick={() => setForm({ kind: "register" })}
              data-testid="empty-new-asset"
            >
              {t("assets.new")}
            </Button>
            <Button
              edits="records"
              icon={<Icon name="upload" />}
              onClick={() => setImporting(true)}
              data-testid="empty-import"
            >
              {t("assets.import")}
            </Button>
          </>
        }
      />
    );
  } else if (total === 0) {
    body = (
      <EmptyState
        testId="assets-no-match"
        icon="search"
        title={t("assets.noMatchTitle")}
        body={t("assets.noMatchBody")}
        actions={
          <Button onClick={clearAll} data-testid="clear-filters">
            {t("assets.clearFilters")}
          </Button>
        }
      />
    );
  } else {
    body = (
      <DataGrid
        rows={pages}
        columns={assetColumns}
        rowKey={(row) => row.asset.id}
        rowHeight={assetRowHeight}
        label={t("assets.table")}
        testId="asset-table"
        rowTestId="asset-row"
        rowData={(row) => ({ "data-asset-tag": row.asset.asset_tag })}
        cursor={selectedIndex}
        openedKey={openedId}
        onRowClick={(row, index) => {
          select(index);
          openRow(row);
        }}
        sort={
          listState.sort === undefined
            ? undefined
            : { key: listState.sort.field, descending: listState.sort.descending }
        }
        checkboxes={{
          checked: (row) => checked.has(row.asset.id),
          allChecked,
          onToggle: (row) => toggleChecked(row.asset.id),
          onToggleAll: () => void toggleAllChecked(),
          rowLabel: (row) => t("assets.select", { tag: row.asset.asset_tag }),
          allLabel: t("assets.selectAll"),
          testId: "asset-check",
        }}
        onSort={(field) =>
          setListState((state) => ({ ...state, sort: toggleSort(state.sort, field) }))
        }
      />
    );
  }

  return (
    <div
      className={`assets ${openedId !== null ? "has-detail" : ""}`}
      data-testid="assets-screen"
      data-workspace={workspace.meta.name}
    >
      <div className="assets-main">
        <div className="toolbar">
          <div className="toolbar-title">
            <h1 className="page-title">{t("assets.title")}</h1>
            <span className="count" data-testid="asset-count" aria-live="polite">
              {total === undefined ? (
                <Spinner size={12} />
              ) : (
                t(total === 1 ? "assets.countOne" : "assets.count", {
                  count: formatCount(total, language),
                })
              )}
            </span>
          </div>
          <div className="search">
            <Icon name="search" className="search-icon" />
            <input
              ref={searchInput}
              type="search"
              className="input search-input"
              data-testid="search-input"
              aria-label={t("assets.search")}
              placeholder={t("assets.searchPlaceholder")}
              value={searchText}
              onChange={(event) => setSearchText(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === "Escape") {
                  if (searchText !== "") setSearchText("");
                  else event.currentTarget.blur();
                } else if (event.key === "ArrowDown") {
                  event.currentTarget.blur();
                  move(1);
                }
              }}
            />
            <kbd className="search-kbd">/</kbd>
          </div>
          <div className="toolbar-actions">
            <Button
              edits="records"
              icon={<Icon name="upload" />}
              onClick={() => setImporting(true)}
              data-testid="import-button"
              title="I"
            >
              {t("assets.import")}
            </Button>
            <Button
              icon={<Icon name="download" />}
              onClick={() => void exportCsv()}
              busy={exporting}
              disabled={total === 0}
              data-testid="export-button"
            >
              {exporting ? t("assets.exporting") : t("assets.export")}
            </Button>
            <Button
              icon={<Icon name="tag" />}
              onClick={() => setPrintingTags(true)}
              disabled={total === 0}
              data-testid="asset-tags-button"
            >
              {t("labels.assetTags")}
            </Button>
            <Button
              edits="records"
              variant="primary"
              icon={<Icon name="plus" />}
              onClick={() => setForm({ kind: "register" })}
              data-testid="new-asset"
              shortcut="N"
            >
              {t("assets.new")}
            </Button>
          </div>
        </div>
        <FilterBar
          filters={listState.filters}
          onChange={(filters) => setListState((state) => ({ ...state, filters }))}
        />
        {checked.size > 0 && (
          <div className="selection-bar" data-testid="asset-selection-bar">
            <span>{t("assets.selected", { count: formatCount(checked.size, language) })}</span>
            <Button
              edits="records"
              size="sm"
              onClick={() => setBulkEditing(true)}
              data-testid="asset-bulk-open"
            >
              {t("assets.bulk.open")}
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setChecked(new Set())}>
              {t("assets.clearSelection")}
            </Button>
          </div>
        )}
        <div className="assets-body">{body}</div>
      </div>
      {openedId !== null && (
        <AssetDetail
          key={openedId}
          id={openedId}
          onClose={() => setOpenedId(null)}
          onEdit={startEdit}
        />
      )}
      {form !== null && (
        <AssetForm
          mode={form}
          onCancel={() => setForm(null)}
          onSaved={(row) => {
            setForm(null);
            afterWrite();
            setOpenedId(row.asset.id);
            toast(t("toast.saved"));
          }}
        />
      )}
      {bulkEditing && (
        <BulkEditDialog
          ids={[...checked]}
          onClose={() => setBulkEditing(false)}
          onDone={() => {
            setBulkEditing(false);
            setChecked(new Set());
            afterWrite();
          }}
        />
      )}
      {printingTags && (
        <AssetTagsDialog
          query={buildQuery(listState, 0, 0)}
          filtered={filtered}
          onClose={() => setPrintingTags(false)}
        />
      )}
      {importing && (
        <ImportDialog
          onClose={() => setImporting(false)}
          onImported={() => {
            setImporting(false);
            afterWrite();
          }}
        />
      )}
    </div>
  );
}
