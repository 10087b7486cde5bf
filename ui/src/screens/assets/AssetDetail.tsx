import type { ReactNode } from "react";
import { StatusBadge } from "../../components/Badge";
import { Button } from "../../components/Button";
import { Icon } from "../../components/Icon";
import { Spinner } from "../../components/Spinner";
import { useLanguage, useT } from "../../i18n";
import type { Asset, AssetField } from "../../lib/dto";
import { describeError } from "../../lib/errors";
import { formatDateTime, formatMoney } from "../../lib/format";
import { RecordLink } from "../../lib/navigation";
import { useCommand } from "../../lib/useCommand";
import { LifecycleSection } from "../lifecycle/LifecycleSection";
import { AssetPurchaseItems } from "../purchasing/procurement/AssetPurchaseItems";
import { AttachmentsSection } from "./AttachmentsSection";
import { HistoryTimeline } from "./HistoryTimeline";

interface AssetDetailProps {
  id: string;
  onClose: () => void;
  onEdit: () => void;
}

/**
 * One asset: every field in groups, who registered and last changed it, its life (assignment,
 * maintenance, disposal), its attachments and its history.
 */
export function AssetDetail({ id, onClose, onEdit }: AssetDetailProps) {
  const t = useT();
  const { language } = useLanguage();
  const asset = useCommand("asset_get", { id });
  const history = useCommand("asset_history", { id });
  const row = asset.data;
  const created = history.data?.[history.data.length - 1];

  return (
    <aside className="detail" aria-label={t("detail.title")} data-testid="asset-detail">
      <header className="detail-header">
        <div className="detail-heading">
          <span className="detail-kicker">
            {row !== undefined ? t(`assetType.${row.asset.asset_type}`) : t("detail.title")}
          </span>
          <h2 className="detail-title tabular">
            <span data-testid="detail-asset-tag">{row?.asset.asset_tag ?? ""}</span>
          </h2>
          {row !== undefined && (
            <div className="detail-subtitle">
              <StatusBadge status={row.asset.status} />
              <span className="muted">
                {[row.asset.manufacturer, row.asset.model].filter(Boolean).join(" ")}
              </span>
            </div>
          )}
        </div>
        <div className="detail-actions">
          <Button
            edits="records"
            size="sm"
            icon={<Icon name="pencil" size={14} />}
            onClick={onEdit}
            disabled={row === undefined}
            data-testid="edit-asset"
            shortcut="E"
          >
            {t("detail.edit")}
          </Button>
          <button
            type="button"
            className="icon-btn"
            onClick={onClose}
            aria-label={t("detail.close")}
            data-testid="detail-close"
          >
            <Icon name="x" />
          </button>
        </div>
      </header>

      <div className="detail-scroll">
        {asset.error !== undefined && (
          <p className="banner banner-error" role="alert">
            {t("detail.loadFailed")} {describeError(t, asset.error)}
          </p>
        )}
        {row === undefined && asset.error === undefined && (
          <div className="center-message">
            <Spinner label={t("common.loading")} />
          </div>
        )}
        {row !== undefined && (
          <>
            <FieldGroup title={t("detail.identity")}>
              <Item field="asset_tag" value={row.asset.asset_tag} mono />
              <Item field="asset_type" value={t(`assetType.${row.asset.asset_type}`)} />
              <Item field="manufacturer" value={row.asset.manufacturer} />
              <Item field="model" value={row.asset.model} />
              <Item field="serial" value={row.asset.serial} mono />
              <Item field="status" value={<StatusBadge status={row.asset.status} />} />
            </FieldGroup>
            <FieldGroup title={t("detail.purchase")} columns={3}>
              <Item field="purchase_date" value={row.asset.purchase_date ?? ""} mono />
              <Item field="cost" value={formatMoney(row.asset.cost, language)} mono />
              <Item field="warranty_end" value={row.asset.warranty_end ?? ""} mono />
              <AssetPurchaseItems purchase={row.purchase} />
            </FieldGroup>
            <FieldGroup title={t("detail.location")} columns={3}>
              <LocationItems asset={row.asset} />
            </FieldGroup>
            <FieldGroup title={t("detail.ownership")}>
              <Item field="owner" value={row.asset.owner} />
            </FieldGroup>
            <FieldGroup title={t("detail.notesTags")}>
              <Item field="notes" value={row.asset.notes} wide />
              <Item
                field="tags"
                wide
                value={
                  row.asset.tags.length > 0 ? (
                    <span className="tag-list">
                      {row.asset.tags.map((tag) => (
                        <span key={tag} className="tag">
                          {tag}
                        </span>
                      ))}
                    </span>
                  ) : (
                    ""
                  )
                }
              />
            </FieldGroup>
            <dl className="detail-meta">
              <div>
                <dt>{t("detail.created")}</dt>
                <dd data-testid="detail-created">
                  {t("detail.byAt", {
                    name: created?.author.name ?? "…",
                    time: formatDateTime(row.created_at_ms, language),
                  })}
                </dd>
              </div>
              <div>
                <dt>{t("detail.updated")}</dt>
                <dd data-testid="detail-updated">
                  {t("detail.byAt", {
                    name: row.updated_by,
                    time: formatDateTime(row.updated_at_ms, language),
                  })}
                </dd>
              </div>
            </dl>
          </>
        )}

        {row !== undefined && <LifecycleSection row={row} />}

        <AttachmentsSection assetId={id} />

        <section className="detail-section">
          <h3 className="section-title">
            {t("detail.history")}
            {history.data !== undefined && (
              <span className="count-badge">
                {t("detail.historyCount", { count: history.data.length })}
              </span>
            )}
          </h3>
          {history.error !== undefined && (
            <p className="banner banner-error">{describeError(t, history.error)}</p>
          )}
          {history.data === undefined && history.error === undefined && (
            <Spinner label={t("common.loading")} />
          )}
          {history.data !== undefined && <HistoryTimeline entries={history.data} />}
        </section>
      </div>
    </aside>
  );
}

function FieldGroup({
  title,
  children,
  columns = 2,
}: {
  title: string;
  children: ReactNode;
  columns?: 2 | 3;
}) {
  return (
    <section className="detail-section">
      <h3 className="section-title">{title}</h3>
      <dl className={`detail-grid detail-grid-${columns}`}>{children}</dl>
    </section>
  );
}

function Item({
  field,
  value,
  mono,
  wide,
}: {
  field: AssetField;
  value: ReactNode;
  mono?: boolean;
  wide?: boolean;
}) {
  const t = useT();
  const empty = value === "" || value === null;
  return (
    <div className={`detail-item ${wide ? "is-wide" : ""}`} data-testid={`detail-${field}`}>
      <dt>{t(`field.${field}`)}</dt>
      <dd
        className={`${mono ? "tabular" : ""} ${empty ? "is-empty" : ""} ${field === "notes" ? "prewrap" : ""}`}
      >
        {empty ? "—" : value}
      </dd>
    </div>
  );
}

/** The location, its places linked: the site, the room's floor, the rack (with this asset's
 * device selected when it hangs there). */
function LocationItems({ asset }: { asset: Asset }) {
  const location = asset.location;
  const place = useCommand("asset_place", { id: asset.id }).data;
  const link = (record: string | null | undefined, text: string, testId: string, focus?: string) =>
    text === "" ? (
      ""
    ) : (
      <RecordLink record={record} focus={focus} testId={testId}>
        {text}
      </RecordLink>
    );
  return (
    <>
      <Item
        field="site"
        value={link(place?.site && `site/${place.site}`, location.site, "asset-site-link")}
      />
      <Item
        field="room"
        value={link(place?.room && `room/${place.room}`, location.room, "asset-room-link")}
      />
      <Item field="row" value={location.row} />
      <Item
        field="rack"
        value={link(
          place?.rack && `rack/${place.rack}`,
          location.rack,
          "asset-rack-link",
          place?.placement ?? undefined,
        )}
      />
      <Item field="unit" value={location.unit === null ? "" : `U${location.unit}`} mono />
    </>
  );
}
