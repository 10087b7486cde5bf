// 공급업체: the vendors the team buys from, found by words (name, number with or without
// hyphens, contact) and category; one vendor's detail beside the list; add and edit.
import { useEffect, useRef, useState } from "react";
import type { Vendor } from "../../bindings/Vendor";
import type { VendorQuery } from "../../bindings/VendorQuery";
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
import { vendorColumns, vendorRowHeight } from "./columns";
import { VendorDetail } from "./VendorDetail";
import { VendorDialog } from "./VendorDialog";

type VendorFilters = Omit<VendorQuery, "offset" | "limit">;

const noFilters: VendorFilters = { text: "", category: null };

export function VendorsTab(props: { opening?: OpenRequest }) {
  const t = useT();
  const { language } = useLanguage();
  const toast = useToast();
  const modalOpen = useAnyModalOpen();
  const [filters, setFilters] = useKept<VendorFilters>("vendorFilters", noFilters);
  const [searchText, setSearchText] = useKept("vendorSearch", "");
  const [cursor, setCursor] = useKept("vendorCursor", -1);
  const [openId, setOpenId] = useKept<string | null>(
    "vendorOpen",
    null,
    props.opening?.kind === "vendor" ? props.opening.id : undefined,
  );
  const [editing, setEditing] = useState<Vendor | "new" | null>(null);
  const searchInput = useRef<HTMLInputElement>(null);

  const settledSearch = useSettled(searchText, 150);
  useEffect(
    () => setFilters((old) => (old.text === settledSearch ? old : { ...old, text: settledSearch })),
    [settledSearch],
  );
  const pages = usePagedRows({
    key: cacheKey("vendor_list", filters),
    load: (offset, limit) => call("vendor_list", { query: { ...filters, offset, limit } }),
  });
  const first = pages.firstPage;
  const total = first?.total ?? 0;

  const access = useEditAccess();
  const adding = () => {
    const refused = access.reason("records");
    if (refused === undefined) setEditing("new");
    else toast(refused, "error");
  };
  useShortcuts(
    {
      "/": () => searchInput.current?.focus(),
      n: adding,
      ArrowDown: () => setCursor((at) => Math.min(total - 1, at + 1)),
      ArrowUp: () => setCursor((at) => Math.max(0, at - 1)),
      Enter: () => {
        const row = cursor < 0 ? undefined : pages.row(cursor);
        if (row !== undefined) setOpenId(row.id);
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
  } else if (first.all === 0) {
    body = (
      <EmptyState
        icon="cart"
        title={t("vendor.empty.title")}
        body={t("vendor.empty.body")}
        testId="vendors-empty"
        actions={
          <Button edits="records" variant="primary" onClick={() => setEditing("new")}>
            {t("vendor.add")}
          </Button>
        }
      />
    );
  } else if (total === 0) {
    body = (
      <p className="center-message muted" data-testid="vendors-none-match">
        {t("vendor.noneMatch")}
      </p>
    );
  } else {
    body = (
      <DataGrid
        rows={pages}
        columns={vendorColumns}
        rowKey={(row) => row.id}
        rowHeight={vendorRowHeight}
        label={t("vendor.table")}
        testId="vendor-table"
        rowTestId="vendor-row"
        rowData={(row) => ({ "data-name": row.name, "data-number": row.business_number })}
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
    <div className="vendors-tab" data-testid="vendors-tab">
      <div className="filter-bar vendor-filters">
        <label className="search">
          <Icon name="search" size={14} className="search-icon" />
          <input
            ref={searchInput}
            className="search-input"
            type="search"
            value={searchText}
            placeholder={t("vendor.search")}
            aria-label={t("vendor.search")}
            data-testid="vendor-search"
            onChange={(event) => setSearchText(event.target.value)}
          />
        </label>
        <select
          value={filters.category ?? ""}
          aria-label={t("vendor.col.categories")}
          data-testid="vendor-filter-category"
          onChange={(event) =>
            setFilters({
              ...filters,
              category: event.target.value === "" ? null : event.target.value,
            })
          }
        >
          <option value="">{t("vendor.anyCategory")}</option>
          {(first?.categories ?? []).map((category) => (
            <option key={category} value={category}>
              {category}
            </option>
          ))}
        </select>
        {first !== undefined && first.all > 0 && (
          <span className="count" data-testid="vendor-count">
            {first.total === first.all
              ? t("vendor.count", { count: formatCount(first.all, language) })
              : t("vendor.countOf", {
                  count: formatCount(first.total, language),
                  all: formatCount(first.all, language),
                })}
          </span>
        )}
        <Button
          edits="records"
          size="sm"
          variant="primary"
          className="vendor-add"
          icon={<Icon name="plus" size={14} />}
          shortcut="N"
          onClick={() => setEditing("new")}
          data-testid="vendor-add"
        >
          {t("vendor.add")}
        </Button>
      </div>
      <div className="vendors-body">
        {body}
        {openId !== null && (
          <VendorDetail
            key={openId}
            id={openId}
            onClose={() => setOpenId(null)}
            onEdit={(vendor) => setEditing(vendor)}
          />
        )}
      </div>
      {editing !== null && (
        <VendorDialog
          vendor={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(vendor) => {
            setEditing(null);
            setOpenId(vendor.id);
          }}
        />
      )}
    </div>
  );
}
