// One vendor beside the list: its number, categories, contacts and notes, and its contract
// and certificate files — added by picking a file (its kind chosen first), saved into the
// downloads folder by the file link every record's files use, and taken off the list.
import { useState } from "react";
import type { Vendor } from "../../bindings/Vendor";
import type { VendorFileKind } from "../../bindings/VendorFileKind";
import { Button } from "../../components/Button";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { FileLink } from "../../components/FileLink";
import { Icon } from "../../components/Icon";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { useLanguage, useT } from "../../i18n";
import { addVendorFile, call } from "../../ipc";
import { useEditAccess } from "../../lib/editAccess";
import { describeError } from "../../lib/errors";
import { readBytes } from "../../lib/files";
import { formatBytes, formatDateTime, formatMoney, localDate } from "../../lib/format";
import { RecordLink } from "../../lib/navigation";
import { refusal } from "../../lib/problems";
import { useCommand } from "../../lib/useCommand";

/** Rust refuses larger files (`file_too_large`); checked here before reading one. */
export const maxVendorFileBytes = 64 * 1024 * 1024;

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
  const { language } = useLanguage();
  const toast = useToast();
  const [kind, setKind] = useState<VendorFileKind>("contract");
  const [uploading, setUploading] = useState<string | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [removing, setRemoving] = useState<{ sha: string; name: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const refused = useEditAccess().reason("records");
  const files = Object.entries(vendor.files).sort(([, a], [, b]) => a.name.localeCompare(b.name));

  const add = async (picked: readonly File[]) => {
    setErrors([]);
    for (const file of picked) {
      if (file.size > maxVendorFileBytes) {
        setErrors((list) => [...list, t("vendor.file.tooLarge", { name: file.name })]);
        continue;
      }
      setUploading(file.name);
      try {
        const bytes = await readBytes(file);
        await addVendorFile({ id: vendor.id, name: file.name, kind }, bytes);
        toast(t("vendor.file.added", { name: file.name }), "success");
      } catch (failure) {
        const why = refusal(t, failure, []).lines.join(" · ");
        setErrors((list) => [...list, t("vendor.file.failed", { name: file.name, message: why })]);
      } finally {
        setUploading(null);
      }
    }
  };
  const remove = async () => {
    if (removing === null) return;
    setBusy(true);
    try {
      await call("vendor_file_remove", { id: vendor.id, sha256: removing.sha });
      toast(t("vendor.file.removed", { name: removing.name }), "success");
      setRemoving(null);
    } catch (failure) {
      toast(describeError(t, failure), "error");
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="detail-section vendor-files" data-testid="vendor-files">
      <h3 className="section-title">{t("vendor.files")}</h3>
      <div className="vendor-file-add">
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
        <label
          className={`btn btn-sm attach-pick ${refused === undefined ? "" : "is-read-only"}`}
          title={refused}
          data-testid="vendor-file-button"
        >
          <Icon name="paperclip" size={14} />
          <span className="btn-label">{t("vendor.file.add")}</span>
          <input
            type="file"
            multiple
            className="file-input"
            data-testid="vendor-file-input"
            disabled={refused !== undefined || uploading !== null}
            aria-label={t("vendor.file.add")}
            onChange={(event) => {
              const picked = [...(event.target.files ?? [])];
              // Choosing the same file again must add it again.
              event.target.value = "";
              void add(picked);
            }}
          />
        </label>
      </div>
      {errors.map((text, index) => (
        <p key={index} className="banner banner-error" role="alert" data-testid="vendor-file-error">
          {text}
        </p>
      ))}
      {uploading !== null && (
        <p className="attach-progress" role="status">
          <Spinner size={14} />
          {t("vendor.file.uploading", { name: uploading })}
        </p>
      )}
      {files.length === 0 ? (
        <p className="muted" data-testid="vendor-files-empty">
          {t("vendor.file.none")}
        </p>
      ) : (
        <ul className="vendor-file-list">
          {files.map(([sha, file]) => (
            <li key={sha} className="vendor-file" data-testid="vendor-file" data-name={file.name}>
              <div className="vendor-file-text">
                <FileLink sha={sha} name={file.name} />
                <span className="muted vendor-file-meta">
                  {t("vendor.file.meta", {
                    kind: t(`vendor.fileKind.${file.kind}`),
                    size: formatBytes(file.size, language),
                    name: file.added_by,
                    time: formatDateTime(file.added_at_ms, language),
                  })}
                </span>
              </div>
              <Button
                edits="records"
                size="sm"
                variant="ghost"
                aria-label={t("vendor.file.removeNamed", { name: file.name })}
                onClick={() => setRemoving({ sha, name: file.name })}
                data-testid="vendor-file-remove"
              >
                {t("vendor.file.remove")}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {removing !== null && (
        <ConfirmDialog
          title={t("vendor.file.removeNamed", { name: removing.name })}
          summary={t("vendor.file.removeSummary", { name: removing.name })}
          confirmLabel={t("vendor.file.remove")}
          danger
          busy={busy}
          onConfirm={() => void remove()}
          onClose={() => setRemoving(null)}
          testId="vendor-file-remove-confirm"
        />
      )}
    </section>
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
