import { useState } from "react";
import { DateInput } from "../../components/DateInput";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { CreateFirst } from "../../components/EmptyState";
import { Field } from "../../components/Field";
import { useT } from "../../i18n";
import { call } from "../../ipc";
import { lifeFieldLabel } from "../lifecycle/lifeText";
import { refusal } from "../../lib/problems";
import { localDate as localToday } from "../../lib/format";
import { useCache, useCommand } from "../../lib/useCommand";

/** Today as the user's calendar has it (local time), `YYYY-MM-DD`. */
export { localToday };

/**
 * How often each site or room is audited, when each is next due (overdue in red), and a form
 * to set one: a place has one schedule, so setting it again changes it.
 */
export function ScheduleDialog(props: { onClose: () => void }) {
  const t = useT();
  const cache = useCache();
  const schedules = useCommand("audit_schedules", {});
  const tree = useCommand("places_tree", {});
  const sites = tree.data ?? [];
  const [site, setSite] = useState("");
  const [room, setRoom] = useState("");
  const [months, setMonths] = useState("6");
  const [start, setStart] = useState(localToday());
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string[]>([]);
  const siteName = site !== "" ? site : (sites[0]?.site.name ?? "");
  const rooms = sites.find((node) => node.site.name === siteName)?.rooms ?? [];
  const every = Number(months);
  const ready = siteName !== "" && Number.isInteger(every) && every >= 1 && every <= 120;
  const today = localToday();

  const save = async () => {
    setBusy(true);
    try {
      await call("audit_schedule_set", { site: siteName, room, everyMonths: every, start });
      cache.invalidate((key) => key.startsWith("audit_schedules"));
      setFailure([]);
    } catch (error) {
      // Every refused field, named (site, every_months, start), or why it could not be saved.
      const refused = refusal(t, error, [], lifeFieldLabel);
      setFailure([
        ...refused.lines,
        ...Object.values(refused.fields).filter((line) => line !== undefined),
      ]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t("audit.schedule.title")}
      onClose={props.onClose}
      size="lg"
      testId="audit-schedule-dialog"
      footer={<Button onClick={props.onClose}>{t("common.close")}</Button>}
    >
      {(schedules.data ?? []).length === 0 ? (
        <p className="muted">{t("audit.schedule.none")}</p>
      ) : (
        <table className="plain-table" data-testid="audit-schedules">
          <thead>
            <tr>
              <th>{t("audit.start.site")}</th>
              <th>{t("audit.start.room")}</th>
              <th>{t("audit.schedule.every")}</th>
              <th>{t("audit.schedule.last")}</th>
              <th>{t("audit.schedule.next")}</th>
            </tr>
          </thead>
          <tbody>
            {(schedules.data ?? []).map((view) => {
              const due = view.next_due ?? "";
              return (
                <tr key={view.schedule.id}>
                  <td>{view.schedule.site}</td>
                  <td>
                    {view.schedule.room === "" ? t("audit.schedule.wholeSite") : view.schedule.room}
                  </td>
                  <td>{t("audit.schedule.months", { count: view.schedule.every_months })}</td>
                  <td>{view.last_closed ?? "—"}</td>
                  <td className={due !== "" && due < today ? "tone-bad" : undefined}>
                    {due === "" ? "—" : due}
                    {due !== "" && due < today && ` · ${t("audit.schedule.overdue")}`}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <h3>{t("audit.schedule.set")}</h3>
      {tree.data !== undefined && sites.length === 0 ? (
        <CreateFirst
          icon="rack"
          title={t("audit.start.noPlacesTitle")}
          body={t("audit.start.noPlaces")}
          screen="racks"
          go={t("createFirst.goRacks")}
          onGo={props.onClose}
          testId="audit-schedule-no-places"
        />
      ) : (
        <div className="form-row">
          <Field label={t("audit.start.site")}>
            <select value={siteName} onChange={(event) => setSite(event.target.value)}>
              {sites.map((node) => (
                <option key={node.site.id} value={node.site.name}>
                  {node.site.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t("audit.start.room")}>
            <select value={room} onChange={(event) => setRoom(event.target.value)}>
              <option value="">{t("audit.schedule.wholeSite")}</option>
              {rooms.map((node) => (
                <option key={node.id} value={node.name}>
                  {node.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t("audit.schedule.everyMonths")}>
            <input
              value={months}
              inputMode="numeric"
              data-testid="audit-schedule-months"
              onChange={(event) => setMonths(event.target.value)}
            />
          </Field>
          <Field label={t("audit.schedule.start")}>
            <DateInput value={start} onChange={setStart} testId="audit-schedule-start" />
          </Field>
        </div>
      )}
      {!ready && siteName !== "" && <p className="field-error">{t("audit.schedule.monthsBad")}</p>}
      {failure.map((line) => (
        <p key={line} className="field-error" role="alert">
          {line}
        </p>
      ))}
      {sites.length > 0 && (
        <Button
          variant="primary"
          busy={busy}
          disabled={!ready}
          onClick={() => void save()}
          data-testid="audit-schedule-save"
        >
          {t("audit.schedule.save")}
        </Button>
      )}
    </Dialog>
  );
}
