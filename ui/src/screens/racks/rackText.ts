// Sentences for the rack area's problems, findings and numbers, in the user's language.
import type { BudgetFinding } from "../../bindings/BudgetFinding";
import type { PlacementProblem } from "../../bindings/PlacementProblem";
import type { RackInvariant } from "../../bindings/RackInvariant";
import type { Language, MessageKey, MessageParams, Translate } from "../../i18n";
import { locale } from "../../lib/format";

/** `4.2 kW` (one decimal), from watts. */
export function kw(watts: number, language: Language): string {
  return `${new Intl.NumberFormat(locale(language), {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(watts / 1000)} kW`;
}

/** A whole number with separators: `14,330`. */
export function whole(value: number, language: Language): string {
  return new Intl.NumberFormat(locale(language), { maximumFractionDigits: 0 }).format(value);
}

export function problemText(t: Translate, problem: PlacementProblem): string {
  if (problem.code === "asset_out_of_service")
    return t("problem.asset_out_of_service", {
      tag: problem.tag,
      status: t(`status.${problem.status}` as MessageKey),
    });
  const { code, ...facts } = problem;
  return t(`problem.${code}`, facts as MessageParams);
}

export function budgetText(t: Translate, language: Language, finding: BudgetFinding): string {
  switch (finding.kind) {
    case "power_over_capacity":
      return t("rack.finding.power_over_capacity", {
        rack: finding.rack,
        draw: kw(finding.max_draw_w, language),
        capacity: kw(finding.capacity_w, language),
      });
    case "no_failover":
      return t("rack.finding.no_failover", {
        rack: finding.rack,
        draw: kw(finding.max_draw_w, language),
        capacity: kw(finding.one_feed_w, language),
      });
    case "leg_over_capacity":
      return t("rack.finding.leg_over_capacity", {
        rack: finding.rack,
        leg: ["L1", "L2", "L3"][finding.leg] ?? String(finding.leg),
        draw: kw(finding.draw_w, language),
        capacity: kw(finding.capacity_w, language),
      });
    case "legs_unbalanced":
      return t("rack.finding.legs_unbalanced", {
        rack: finding.rack,
        legs: finding.legs_w.map((w) => kw(w, language)).join(" / "),
      });
    case "over_weight":
      return t("rack.finding.over_weight", {
        rack: finding.rack,
        weight: whole(finding.weight_kg, language),
        limit: whole(finding.max_weight_kg, language),
      });
    case "cooling_over_capacity":
      return t("rack.finding.cooling_over_capacity", {
        room: finding.room,
        heat: `${finding.heat_kw.toFixed(1)} kW`,
        cooling: `${finding.cooling_kw.toFixed(1)} kW`,
      });
  }
}

export function invariantText(t: Translate, invariant: RackInvariant): string {
  switch (invariant.rule) {
    case "overlap":
      return t("rack.invariant.overlap", {
        rack: invariant.rack_name,
        first: invariant.first_label,
        second: invariant.second_label,
        unit: invariant.bottom_unit,
      });
    case "past_top":
      return t("rack.invariant.past_top", {
        rack: invariant.rack_name,
        label: invariant.label,
        unit: invariant.top_unit,
        height: invariant.rack_height_u,
      });
    case "asset_in_two_places":
      return t("rack.invariant.asset_in_two_places", {
        places: invariant.places.map((p) => `${p.rack_name} (${p.label})`).join(", "),
      });
  }
}
