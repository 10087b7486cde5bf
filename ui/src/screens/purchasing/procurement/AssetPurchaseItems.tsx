// In an asset's detail, under 구매: the order it was received on (its number, linked to the
// purchase request) and the vendor (linked), when a receipt created it.
import type { AssetPurchase } from "../../../bindings/AssetPurchase";
import { useT } from "../../../i18n";
import { RecordLink } from "../../../lib/navigation";

export function AssetPurchaseItems(props: { purchase: AssetPurchase | null | undefined }) {
  const t = useT();
  const purchase = props.purchase;
  if (purchase === null || purchase === undefined) return null;
  return (
    <>
      <div
        className="detail-item"
        data-testid="detail-purchase-order"
        data-order={purchase.order_number}
      >
        <dt>{t("proc.asset.order")}</dt>
        <dd className="tabular">
          <RecordLink record={`purchase/${purchase.request}`} testId="detail-purchase-link">
            {purchase.order_number}
          </RecordLink>
          <span className="muted"> · {purchase.request_number}</span>
        </dd>
      </div>
      <div className="detail-item" data-testid="detail-purchase-vendor">
        <dt>{t("proc.asset.vendor")}</dt>
        <dd>
          <RecordLink record={`vendor/${purchase.vendor}`}>{purchase.vendor_name}</RecordLink>
        </dd>
      </div>
    </>
  );
}
