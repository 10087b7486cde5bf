import { memo, useMemo, useState, type PointerEvent as ReactPointerEvent } from "react";
import type { AssetRow } from "../../bindings/AssetRow";
import type { DeviceType } from "../../bindings/DeviceType";
import { useT } from "../../i18n";
import { useCommand } from "../../lib/useCommand";
import { CatalogueImport } from "./CatalogueImport";

/**
 * The asset statuses a rack takes (core's `AssetStatus::placeable`, which refuses the rest):
 * disposed, missing and retiring assets are out of service and not offered.
 */
export const placeableStatuses = ["in_stock", "in_use", "maintenance"] as const;

/** What a palette item drags into a rack. */
export interface PaletteItem {
  deviceType: DeviceType;
  asset: AssetRow | null;
  label: string;
}

/** The catalogue type of an asset: same manufacturer and model, ignoring case. */
export function typeOfAsset(types: readonly DeviceType[], asset: AssetRow): DeviceType | undefined {
  const maker = asset.asset.manufacturer.toLowerCase();
  const model = asset.asset.model.toLowerCase();
  return types.find(
    (t) => t.manufacturer.toLowerCase() === maker && t.model.toLowerCase() === model,
  );
}

function heightText(heightHu: number): string {
  return heightHu === 0 ? "0U" : `${heightHu / 2}U`;
}

/**
 * The left panel of the rack editor: the device catalogue and the asset register, each
 * searchable; pressing on an item starts dragging it into the rack.
 */
export const Palette = memo(function Palette(props: {
  types: readonly DeviceType[];
  onStartDrag: (event: ReactPointerEvent, item: PaletteItem) => void;
}) {
  const t = useT();
  const [tab, setTab] = useState<"catalogue" | "assets">("catalogue");
  const [search, setSearch] = useState("");
  const words = search.trim().toLowerCase();
  const types = useMemo(
    () =>
      props.types.filter((type) =>
        `${type.manufacturer} ${type.model} ${type.category}`.toLowerCase().includes(words),
      ),
    [props.types, words],
  );
  const assets = useCommand(
    "asset_query",
    tab === "assets"
      ? {
          query: {
            search: search.trim(),
            filters: [{ field: "status", value: placeableStatuses.join(",") }],
            offset: 0,
            limit: 40,
          },
        }
      : null,
  );
  return (
    <aside className="palette" aria-label={t("rack.palette.label")} data-testid="rack-palette">
      <div className="palette-tabs" role="tablist">
        {(["catalogue", "assets"] as const).map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            className={`palette-tab ${tab === name ? "active" : ""}`}
            data-testid={`palette-tab-${name}`}
            onClick={() => setTab(name)}
          >
            {t(`rack.palette.${name}`)}
          </button>
        ))}
      </div>
      <input
        className="input palette-search"
        type="search"
        value={search}
        placeholder={t(
          tab === "catalogue" ? "rack.palette.searchTypes" : "rack.palette.searchAssets",
        )}
        aria-label={t(
          tab === "catalogue" ? "rack.palette.searchTypes" : "rack.palette.searchAssets",
        )}
        data-testid="palette-search"
        onChange={(event) => setSearch(event.target.value)}
      />
      <div className="palette-hint-row">
        <p className="palette-hint">
          {t("rack.palette.hint")}
          {tab === "assets" && ` ${t("rack.palette.outOfServiceHidden")}`}
        </p>
        {tab === "catalogue" && <CatalogueImport />}
      </div>
      <ul className="palette-list">
        {tab === "catalogue" &&
          types.map((type) => (
            <li key={type.key}>
              <div
                className={`palette-item cat-${type.category}`}
                data-testid="palette-type"
                data-type-key={type.key}
                data-model={type.model}
                title={t("rack.palette.typeTitle", {
                  typical: type.typical_w,
                  max: type.max_w,
                  weight: type.weight_kg,
                })}
                onPointerDown={(event) =>
                  props.onStartDrag(event, { deviceType: type, asset: null, label: "" })
                }
              >
                <span className="palette-item-name">
                  {type.manufacturer} {type.model}
                </span>
                <span className="palette-item-meta">
                  {heightText(type.height_hu)} · {type.max_w} W
                  {!type.full_depth && ` · ${t("rack.halfDepth")}`}
                </span>
              </div>
            </li>
          ))}
        {tab === "assets" &&
          (assets.data?.rows ?? []).map((row) => {
            const type = typeOfAsset(props.types, row);
            const placed = row.asset.location.rack !== "";
            const usable = type !== undefined && !placed;
            return (
              <li key={row.asset.id}>
                <div
                  className={`palette-item ${usable ? "" : "disabled"}`}
                  data-testid="palette-asset"
                  data-asset-tag={row.asset.asset_tag}
                  aria-disabled={!usable}
                  onPointerDown={(event) => {
                    if (usable)
                      props.onStartDrag(event, { deviceType: type, asset: row, label: "" });
                  }}
                >
                  <span className="palette-item-name">{row.asset.asset_tag}</span>
                  <span className="palette-item-meta">
                    {row.asset.manufacturer} {row.asset.model}
                    {placed &&
                      ` · ${t("rack.palette.placedIn", { rack: row.asset.location.rack })}`}
                    {type === undefined && ` · ${t("rack.palette.noType")}`}
                  </span>
                </div>
              </li>
            );
          })}
        {tab === "assets" && assets.data?.rows.length === 0 && (
          <li className="palette-empty">{t("rack.palette.noAssets")}</li>
        )}
        {tab === "catalogue" && types.length === 0 && (
          <li className="palette-empty">{t("rack.palette.noTypes")}</li>
        )}
      </ul>
    </aside>
  );
});
