import type { PowerLevel } from "../../bindings/PowerLevel";
import type { RackBudget } from "../../bindings/RackBudget";
import { useLanguage, useT } from "../../i18n";
import { kw, whole } from "./rackText";

/** A bar of `value` against `limit`, with the what-if value as a second segment. */
function Bar(props: {
  label: string;
  value: number;
  after?: number;
  limit: number;
  text: string;
  testId: string;
  /** The level as core gives it (the power bar: the figure the findings come from). */
  level?: "ok" | "high" | "over";
}) {
  const share = (v: number) =>
    props.limit > 0 ? Math.min(v / props.limit, 1) * 100 : v > 0 ? 100 : 0;
  const now = share(props.value);
  const next = props.after === undefined ? now : share(props.after);
  const over = (props.after ?? props.value) > props.limit;
  const level = props.level ?? (over ? "over" : Math.max(now, next) >= 85 ? "high" : "ok");
  return (
    <div
      className="budget-bar"
      data-testid={props.testId}
      data-value={props.after ?? props.value}
      data-level={level}
    >
      <div className="budget-bar-head">
        <span className="budget-bar-label">{props.label}</span>
        <span className="budget-bar-text">{props.text}</span>
      </div>
      <div
        className={`budget-bar-track budget-${level}`}
        role="meter"
        aria-label={props.label}
        aria-valuemin={0}
        aria-valuemax={props.limit}
        aria-valuenow={props.after ?? props.value}
      >
        <div className="budget-bar-fill" style={{ width: `${Math.min(now, next)}%` }} />
        {next !== now && (
          <div
            className={`budget-bar-delta ${next > now ? "up" : "down"}`}
            style={{ left: `${Math.min(now, next)}%`, width: `${Math.abs(next - now)}%` }}
          />
        )}
      </div>
    </div>
  );
}

/** A bar's colour from core's power level: the rack's colour on the floor plan, in words. */
function barLevel(level: PowerLevel): "ok" | "high" | "over" {
  if (level === "over") return "over";
  return level === "high" ? "high" : "ok";
}

/**
 * A rack's power, per-leg, heat and weight against its limits. During a drag `after` is the
 * what-if budget: the bars show the change before the device is dropped.
 */
export function BudgetBars(props: {
  budget: RackBudget;
  after?: RackBudget;
  maxWeightKg: number;
  /** The rack has a three-phase feed: the leg bars are drawn (always, so that a drag that
   * adds the first load does not push the elevation down). */
  threePhase?: boolean;
}) {
  const t = useT();
  const { language } = useLanguage();
  const { budget, after } = props;
  const shown = after ?? budget;
  const powerText =
    after === undefined
      ? t("rack.power.text", {
          draw: kw(budget.max_draw_w, language),
          capacity: kw(budget.capacity_w, language),
          typical: kw(budget.allocated_w, language),
        })
      : t("rack.power.whatIf", {
          before: kw(budget.max_draw_w, language),
          after: kw(after.max_draw_w, language),
          capacity: kw(after.capacity_w, language),
        });
  const legCapacity = shown.capacity_w / 3;
  const threePhase = props.threePhase ?? shown.legs_w.some((w) => w > 0);
  return (
    <section className="budget" aria-label={t("rack.budget.label")} data-testid="rack-budget">
      <Bar
        label={t("rack.power.label")}
        value={budget.max_draw_w}
        after={after?.max_draw_w}
        limit={shown.capacity_w}
        text={powerText}
        testId="power-bar"
        level={barLevel(shown.power_level)}
      />
      {threePhase && (
        <div className="budget-legs">
          {shown.legs_w.map((watts, leg) => (
            <Bar
              key={leg}
              label={`L${leg + 1}`}
              value={budget.legs_w[leg] ?? 0}
              after={after?.legs_w[leg]}
              limit={legCapacity}
              text={kw(watts, language)}
              testId={`leg-bar-${leg}`}
            />
          ))}
        </div>
      )}
      <div className="budget-facts">
        <span data-testid="heat-text">
          {t("rack.heat.text", {
            kw: shown.heat_kw.toFixed(2),
            btu: whole(shown.heat_btu_h, language),
          })}
        </span>
      </div>
      <Bar
        label={t("rack.weight.label")}
        value={budget.weight_kg}
        after={after?.weight_kg}
        limit={props.maxWeightKg}
        text={t("rack.weight.text", {
          weight: whole(shown.weight_kg, language),
          limit: whole(props.maxWeightKg, language),
        })}
        testId="weight-bar"
      />
    </section>
  );
}
