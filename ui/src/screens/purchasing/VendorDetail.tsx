// One vendor beside the list: its number, categories, contacts and notes, and its contract
// and certificate files (the purchasing files list, its kind chosen first).
import { useState } from "react";
import type { Vendor } from "../../bindings/Vendor";
import type { VendorFileKind } from "../../bindings/VendorFileKind";
import { Button } from "../../components/Button";
import { Icon } from "../../components/Icon";
import { Spinner } from "../../components/Spinner";
import { useLanguage, useT } from "../../i18n";
import { addVendorFile, call } from "../../ipc";
import { useEditAccess } from "../../lib/editAccess";
import { describeError } from "../../lib/errors";
import { formatMoney, localDate } from "../../lib/format";
import { RecordLink } from "../../lib/navigation";
import { useCommand } from "../../lib/useCommand";
import { PurchasingFiles } from "./PurchasingFiles";

const fileKinds: readonly VendorFileKind[] = ["contract", "certificate", "other"];

export function VendorDetail(props: {
  id: string;
  onClose: () => void;
  onEdit: (vendor: Vendor) => void;
}) {
  const t = useT();
  const read = useCommand("vendor_get", { id: props.id });
  const vendor = read.data;
  if (vendor === undefined) {
    return (
      <aside className="vendor-detail" aria-busy={read.error === undefined}>
        {read.error !== undefined ? (
          <p className="banner banner-error" role="alert">
            {describeError(t, read.error)}
          </p>
        ) : (
          <Spinner label={t("common.loading")} />
        )}
      </aside>
    );
  }
  const contacts = Object.values(vendor.contacts);
  return (
    <aside className="vendor-detail" data-testid="vendor-detail" data-name={vendor.name}>
      <div className="vendor-detail-head">
        <div>
          <h2 className="vendor-detail-title">{vendor.name}</h2>
          <span className="mono muted" data-testid="vendor-detail-number">
            {vendor.business_number}
          </span>
        </div>
        <div className="vendor-detail-actions">
          <Button
            edits="records"
            size="sm"
            icon={<Icon name="pencil" size={14} />}
            onClick={() => props.onEdit(vendor)}
            data-testid="vendor-edit"
          >
            {t("vendor.edit")}
          </Button>
          <button
            type="button"
            className="icon-btn"
            aria-label={t("common.close")}
            onClick={props.onClose}
          >
            <Icon name="x" />
          </button>
        </div>
      </div>
      <section className="detail-section">
        <h3 className="section-title">{t("vendor.field.categories")}</h3>
        {vendor.categories.length === 0 ? (
          <p className="muted">{t("vendor.categories.none")}</p>
        ) : (
          <div>
            {vendor.categories.map((category) => (
              <span key={category} className="tag">
                {category}
              </span>
            ))}
          </div>
        )}
      </section>
      <section className="detail-section" data-testid="vendor-detail-contacts">
        <h3 className="section-title">{t("vendor.contacts")}</h3>
        {contacts.length === 0 ? (
          <p className="muted">{t("vendor.contact.none")}</p>
        ) : (
          <ul className="vendor-contact-list">
            {contacts.map((contact) => (
              <li key={`${contact.name}|${contact.email}|${contact.phone}|${contact.role}`}>
                <strong>{contact.name}</strong>
                {contact.role !== "" && <span className="muted"> · {contact.role}</span>}
                <div className="vendor-contact-ways">
                  {contact.phone !== "" && <span className="tabular">{contact.phone}</span>}
                  {contact.email !== "" && <span>{contact.email}</span>}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <VendorFiles vendor={vendor} />
      <VendorPurchases vendorId={vendor.id} />
      <section className="detail-section">
        <h3 className="section-title">{t("vendor.field.notes")}</h3>
        <p className={vendor.notes === "" ? "muted" : "vendor-notes"}>
          {vendor.notes === "" ? t("vendor.notes.none") : vendor.notes}
        </p>
      </section>
    </aside>
  );
}

function VendorFiles({ vendor }: { vendor: Vendor }) {
  const t = useT();
  const [kind, setKind] = useState<VendorFileKind>("contract");
  const refused = useEditAccess().reason("records");
  return (
    <PurchasingFiles
      testId="vendor"
      title={t("vendor.files")}
      none={t("vendor.file.none")}
      removeSummary={(name) => t("vendor.file.removeSummary", { name })}
      files={vendor.files}
      describe={(file) => t(`vendor.fileKind.${file.kind}`)}
      picker={
        <select
          value={kind}
          aria-label={t("vendor.file.kind")}
          data-testid="vendor-file-kind"
          disabled={refused !== undefined}
          onChange={(event) => setKind(event.target.value as VendorFileKind)}
        >
          {fileKinds.map((code) => (
            <option key={code} value={code}>
              {t(`vendor.fileKind.${code}`)}
            </option>
          ))}
        </select>
      }
      add={(name, bytes) => addVendorFile({ id: vendor.id, name, kind }, bytes)}
      remove={(sha256) => call("vendor_file_remove", { id: vendor.id, sha256 })}
    />
  );
}

/** The requests that asked this vendor for a quote, chose it or ordered from it, newest
 * first; each opens on the requests tab. */
function VendorPurchases({ vendorId }: { vendorId: string }) {
  const t = useT();
  const { language } = useLanguage();
  const read = useCommand("purchase_page", {
    query: {
      text: "",
      statuses: [],
      budget: "",
      vendor: vendorId,
      requester: "",
      waiting_for_me: false,
      offset: 0,
      limit: 20,
    },
    today: localDate(),
  });
  const page = read.data;
  return (
    <section className="detail-section" data-testid="vendor-purchases">
      <h3 className="section-title">
        {t("vendor.purchases")}
        {page !== undefined && page.total > 0 && <span className="count-badge">{page.total}</span>}
      </h3>
      {page === undefined ? null : page.rows.length === 0 ? (
        <p className="muted">{t("vendor.purchases.none")}</p>
      ) : (
        <ul className="vendor-contact-list">
          {page.rows.map((row) => (
            <li key={row.id} data-testid="vendor-purchase">
              <RecordLink record={`purchase/${row.id}`} className="mono">
                {row.number}
              </RecordLink>{" "}
              {row.title}
              <div className="vendor-contact-ways">
                <span className={`request-status is-${row.status}`}>
                  {t(`request.status.${row.status}`)}
                </span>
                <span className="tabular">
                  {formatMoney({ amount_minor: row.total_krw, currency: "KRW" }, language)}
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
