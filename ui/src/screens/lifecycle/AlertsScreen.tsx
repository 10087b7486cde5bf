// What needs attention today, from every area: overdue returns, maintenance due or overdue,
// audits overdue, racks over a limit, cables that failed a test.
// Each alert about an asset opens it; arrows move between alerts, Enter opens one.
import { EmptyState } from "../../components/EmptyState";
import { Ident } from "../../components/Ident";
import { Spinner } from "../../components/Spinner";
import type { Alert } from "../../bindings/Alert";
import type { BudgetFinding } from "../../bindings/BudgetFinding";
import { useLanguage, useT, type Language, type Translate } from "../../i18n";
import { formatCount, formatDateTime } from "../../lib/format";
import { budgetText } from "../racks/rackText";
import { describeError } from "../../lib/errors";
import { useKeptScroll, useNavigation } from "../../lib/navigation";
import { useCommand } from "../../lib/useCommand";
import { useState, type ReactNode } from "react";
import { Icon } from "../../components/Icon";
import { groupAlerts, type AlertGroup } from "./alertGroups";
import { alertKindText, alertValues, alertWhen, localDate } from "./lifeText";

/** The count the navigation's badge shows. */
export function useAlertCount(enabled: boolean): number {
  const alerts = useCommand("life_alerts", enabled ? { today: localDate() } : null);
  return alerts.data?.length ?? 0;
}

/**
 * What an alert without a date says: a rack's or room's numbers in the words the rack
 * screens use, when a cable failed and who tested it; other numbers as they come.
 */
export function alertDetail(t: Translate, language: Language, alert: Alert): string {
  if (alert.source === "racks") {
    const numbers = Object.fromEntries(
      Object.entries(alert.values).map(([name, value]) => [
        name,
        name === "legs_w" ? value.split(" / ").map(Number) : Number(value),
      ]),
    );
    const place = alert.kind === "cooling_over_capacity" ? "room" : "rack";
    const finding = { kind: alert.kind, [place]: alert.title, ...numbers } as BudgetFinding;
    return budgetText(t, language, finding);
  }
  if (alert.source === "cables" && alert.kind === "test_failed") {
    return t("findings.cable.failed", {
      label: alert.title,
      tester: alert.subject,
      at: formatDateTime(Number(alert.values.at_ms ?? 0), language),
    });
  }
  return alertValues(alert);
}

export function AlertsScreen() {
  const t = useT();
  const navigation = useNavigation();
  const keptScroll = useKeptScroll("alerts");
  const { language } = useLanguage();
  const alerts = useCommand("life_alerts", { today: localDate() });
  const list = alerts.data;
  let body;
  if (alerts.error !== undefined && list === undefined) {
    body = <p className="banner banner-error">{describeError(t, alerts.error)}</p>;
  } else if (list === undefined) {
    body = <Spinner label={t("common.loading")} />;
  } else if (list.length === 0) {
    body = (
      <EmptyState
        icon="check"
        title={t("alerts.empty")}
        body={t("alerts.emptyBody")}
        testId="alerts-empty"
      />
    );
  } else {
    // Each alert opens its record (an asset, a rack, a cable) on that record's screen.
    const row = (alert: Alert) => {
      const route = alert.record === "" ? undefined : navigation.routeFor(alert.record);
      return (
        <li key={alert.key}>
          <button
            type="button"
            className={`alert-row ${alert.days_overdue > 0 ? "is-overdue" : ""}`}
            disabled={route === undefined}
            onClick={() => route !== undefined && navigation.navigate(route)}
            title={route === undefined ? undefined : t("alerts.open")}
            data-testid="alert-row"
            data-kind={alert.kind}
            data-source={alert.source}
          >
            <span className="alert-kind">{alertKindText(t, alert)}</span>
            <span className="alert-tag tabular">
              <Ident text={alert.title} />
            </span>
            <span className="alert-subject">{alert.subject}</span>
            <span className="muted tabular">
              {alert.due === null
                ? alertDetail(t, language, alert)
                : t("alerts.due", { due: alert.due })}
            </span>
            <span className="alert-when">{alertWhen(t, alert)}</span>
          </button>
        </li>
      );
    };
    // Alerts of one source, kind and subject (one plan's overdue servers) are one group.
    body = (
      <ul className="alert-list" data-testid="alert-list">
        {groupAlerts(list).map((group) =>
          group.alerts.length === 1 ? (
            row(group.alerts[0]!)
          ) : (
            <AlertGroupItem key={group.key} group={group} row={row} />
          ),
        )}
      </ul>
    );
  }
  return (
    <div
      className="screen-pad"
      ref={keptScroll}
      onKeyDown={(event) => {
        if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
        const rows = [...event.currentTarget.querySelectorAll<HTMLElement>(".alert-row")];
        const at = rows.indexOf(document.activeElement as HTMLElement);
        const next = rows[at + (event.key === "ArrowDown" ? 1 : -1)];
        if (next !== undefined) {
          event.preventDefault();
          next.focus();
        }
      }}
    >
      <h1 className="screen-title">{t("alerts.title")}</h1>
      {body}
    </div>
  );
}

/** Groups up to this size start open; larger ones (a plan's hundreds) start closed. */
const openUpTo = 5;
/** Rows an open group shows before "show all". */
const firstRows = 100;

function AlertGroupItem(props: { group: AlertGroup; row: (alert: Alert) => ReactNode }) {
  const t = useT();
  const { language } = useLanguage();
  const { group } = props;
  const [open, setOpen] = useState(group.alerts.length <= openUpTo);
  const [all, setAll] = useState(false);
  const first = group.alerts[0]!;
  const shown = all ? group.alerts : group.alerts.slice(0, firstRows);
  return (
    <li className="alert-group" data-testid="alert-group" data-source={group.source}>
      <button
        type="button"
        className={`alert-row alert-group-head ${group.mostOverdue > 0 ? "is-overdue" : ""}`}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        data-testid="alert-group-head"
      >
        <span className="alert-kind">
          <Icon name={open ? "chevronDown" : "chevronRight"} size={14} /> {alertKindText(t, first)}
        </span>
        <span className="alert-tag tabular" data-testid="alert-group-count">
          {t("alerts.groupCount", { count: formatCount(group.alerts.length, language) })}
        </span>
        <span className="alert-subject">{group.subject}</span>
        <span className="muted tabular" />
        <span className="alert-when">{alertWhen(t, first)}</span>
      </button>
      {open && (
        <ul className="alert-list alert-group-rows">
          {shown.map((alert) => props.row(alert))}
          {shown.length < group.alerts.length && (
            <li>
              <button type="button" className="btn btn-ghost" onClick={() => setAll(true)}>
                {t("alerts.showAll", { count: formatCount(group.alerts.length, language) })}
              </button>
            </li>
          )}
        </ul>
      )}
    </li>
  );
}
