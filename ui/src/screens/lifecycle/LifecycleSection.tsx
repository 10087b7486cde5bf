// The asset detail's 수명주기 section: who has the asset (Assign / Return), its maintenance
// (Record / Start / Finish), and its disposal as a stepper with the step it can take next; each
// signed decision (approval or rejection, wipe verification) with this device's check of it.
import { useState } from "react";
import type { AssetLife } from "../../bindings/AssetLife";
import type { AssetRow } from "../../bindings/AssetRow";
import type { Disposal } from "../../bindings/Disposal";
import type { MaintenanceRecord } from "../../bindings/MaintenanceRecord";
import { Button } from "../../components/Button";
import { FileLink } from "../../components/FileLink";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { useLanguage, useT } from "../../i18n";
import { call } from "../../ipc";
import { useProfileName } from "../../lib/appState";
import { describeError } from "../../lib/errors";
import { formatMoney } from "../../lib/format";
import { RecordLink } from "../../lib/navigation";
import { useCommand } from "../../lib/useCommand";
import { AssignDialog, ReturnDialog } from "./AssignDialogs";
import { decisionBlocked, useMembersMe } from "./decisionAccess";
import { DecisionMark } from "./DecisionMark";
import { DisposalDialog, type DisposalStep } from "./DisposalDialogs";
import { decidesAgain, disposalActions, disposalStages, localDate } from "./lifeText";
import { FinishMaintenanceDialog, MaintenanceDialog } from "./MaintenanceDialogs";

type Open =
  | { dialog: "assign" | "return" | "record" | "start" | "finish" }
  | { dialog: "disposal"; step: DisposalStep };

function values<T>(map: { [key in string]?: T }): T[] {
  return Object.values(map).filter((value): value is T => value !== undefined);
}

export function LifecycleSection({ row }: { row: AssetRow }) {
  const t = useT();
  const id = row.asset.id;
  const life = useCommand("life_get", { id });
  const [open, setOpen] = useState<Open | null>(null);
  const close = () => setOpen(null);
  return (
    <section className="detail-section" data-testid="lifecycle">
      <h3 className="section-title">{t("life.title")}</h3>
      {life.error !== undefined && (
        <p className="banner banner-error">{describeError(t, life.error)}</p>
      )}
      {life.data === undefined && life.error === undefined && (
        <Spinner label={t("common.loading")} />
      )}
      {life.data !== undefined && <LifeBody row={row} life={life.data} onOpen={setOpen} />}
      {open?.dialog === "assign" && <AssignDialog assetId={id} onClose={close} />}
      {open?.dialog === "return" && <ReturnDialog assetId={id} onClose={close} />}
      {(open?.dialog === "record" || open?.dialog === "start") && (
        <MaintenanceDialog assetId={id} open={open.dialog === "start"} onClose={close} />
      )}
      {open?.dialog === "finish" && <FinishMaintenanceDialog assetId={id} onClose={close} />}
      {open?.dialog === "disposal" && (
        <DisposalDialog assetId={id} step={open.step} onClose={close} />
      )}
    </section>
  );
}

function LifeBody(props: { row: AssetRow; life: AssetLife; onOpen: (open: Open) => void }) {
  const t = useT();
  const { row, life, onOpen } = props;
  const disposed = row.asset.status === "disposed";
  const assignments = values(life.assignments).sort((a, b) => b.from.localeCompare(a.from));
  const current = assignments.find((a) => a.returned === null);
  const past = assignments.filter((a) => a.returned !== null);
  const work = values(life.maintenance).sort((a, b) => b.on.localeCompare(a.on));
  const underWay = work.find((m) => m.finished === null);
  const overdue = current?.due != null && current.due < localDate();
  return (
    <>
      <div className="life-block" data-testid="life-assignment">
        <div className="life-head">
          <h4>{t("life.assignment")}</h4>
          <Button
            edits="records"
            size="sm"
            disabled={disposed || current !== undefined}
            onClick={() => onOpen({ dialog: "assign" })}
            data-testid="life-assign"
          >
            {t("life.assign")}
          </Button>
          <Button
            edits="records"
            size="sm"
            disabled={current === undefined}
            onClick={() => onOpen({ dialog: "return" })}
            data-testid="life-return"
          >
            {t("life.return")}
          </Button>
        </div>
        {current === undefined ? (
          <p className="muted">{t("life.notAssigned")}</p>
        ) : (
          <p data-testid="life-current">
            {t("life.assignedTo", { name: current.assignee, from: current.from })}
            {" · "}
            <RecordLink record={`person/${current.assignee}`} testId="life-person-link">
              {t("nav.personAssets", { name: current.assignee })}
            </RecordLink>
            {current.due !== null && (
              <span className={overdue ? "text-danger" : "muted"}>
                {" · "}
                {overdue ? t("life.overdue") : t("life.dueBack", { due: current.due })}
              </span>
            )}
          </p>
        )}
        {past.length > 0 && (
          <details>
            <summary>{t("life.pastAssignments", { count: past.length })}</summary>
            <ul className="life-list">
              {past.map((a, index) => (
                <li key={index}>
                  {t("life.returnedLine", {
                    name: a.assignee,
                    from: a.from,
                    on: a.returned?.on ?? "",
                    condition: a.returned !== null ? t(`condition.${a.returned.condition}`) : "",
                  })}
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>

      <div className="life-block" data-testid="life-maintenance">
        <div className="life-head">
          <h4>{t("life.maintenance")}</h4>
          <Button
            edits="records"
            size="sm"
            disabled={disposed}
            onClick={() => onOpen({ dialog: "record" })}
            data-testid="life-record"
          >
            {t("life.record")}
          </Button>
          <Button
            edits="records"
            size="sm"
            disabled={disposed || underWay !== undefined}
            onClick={() => onOpen({ dialog: "start" })}
            data-testid="life-start"
          >
            {t("life.start")}
          </Button>
          <Button
            edits="records"
            size="sm"
            disabled={underWay === undefined}
            onClick={() => onOpen({ dialog: "finish" })}
            data-testid="life-finish"
          >
            {t("life.finish")}
          </Button>
        </div>
        {underWay !== undefined && (
          <p className="text-warning">{t("life.underMaintenance", { on: underWay.on })}</p>
        )}
        {/* A status set by hand (a form, an import) that no record explains: said, so the
            status and the records never silently disagree. */}
        {underWay === undefined && row.asset.status === "maintenance" && (
          <p className="text-warning" data-testid="life-status-unexplained">
            {t("life.maintenanceStatusWithoutRecord")}
          </p>
        )}
        {work.length === 0 ? (
          <p className="muted">{t("life.noMaintenance")}</p>
        ) : (
          <ul className="life-list" data-testid="life-maintenance-list">
            {work.map((record, index) => (
              <MaintenanceLine key={index} record={record} />
            ))}
          </ul>
        )}
      </div>

      <DisposalBlock
        assetId={row.asset.id}
        disposal={life.disposal}
        holdsData={row.life.holds_data}
        onStep={(step) => onOpen({ dialog: "disposal", step })}
      />
    </>
  );
}

function MaintenanceLine({ record }: { record: MaintenanceRecord }) {
  const t = useT();
  const { language } = useLanguage();
  const parts = [
    t("life.maintenanceLine", {
      kind: t(`maintKind.${record.kind}`),
      from: record.on,
      to: record.finished ?? t("life.inProgress"),
    }),
    record.vendor,
    record.cost !== null ? formatMoney(record.cost, language) : "",
    record.downtime_hours !== null ? t("life.downtime", { hours: record.downtime_hours }) : "",
    record.attachments.length > 0 ? t("life.files", { count: record.attachments.length }) : "",
  ].filter((part) => part !== "");
  return (
    <li>
      {parts.join(" · ")}
      {record.notes !== "" && <div className="muted prewrap">{record.notes}</div>}
    </li>
  );
}

function DisposalBlock(props: {
  assetId: string;
  disposal: Disposal | null;
  holdsData: boolean;
  onStep: (step: DisposalStep) => void;
}) {
  const t = useT();
  const toast = useToast();
  const { disposal } = props;
  const stage = disposal?.stage ?? null;
  const reached = stage === null ? -1 : disposalStages.indexOf(stage);
  const decided = disposal !== null && (disposal.decided_on !== null || disposal.wipe !== null);
  const decisions = useCommand("life_decisions", decided ? { id: props.assetId } : null).data;
  const checkOf = (...actions: string[]) =>
    decisions?.find((check) => actions.includes(check.action));
  // A decision that does not hold is decided again by a member who may.
  const again = decidesAgain(
    stage,
    disposal?.wipe != null,
    checkOf("approve_disposal", "reject_disposal")?.verdict,
  );
  const steps = disposalActions(stage, props.holdsData);
  const actions = again ? ["decide" as const, ...steps.filter((s) => s !== "request")] : steps;
  const me = useMembersMe();
  const profileName = useProfileName();
  // The requester may not decide their own request (core's same_person): said on the buttons
  // before the dialog, by the rule core applies (accounts in a team, else names).
  const myName = me?.bound && me.logged_in ? me.name : (profileName ?? "");
  const ownRequest =
    disposal !== null &&
    (disposal.requested_by_account !== null && me?.bound && me.logged_in
      ? disposal.requested_by_account === me.user_id
      : disposal.requested_by.trim() === myName.trim());
  const decideBlocked = actions.includes("decide")
    ? (decisionBlocked(me, "approve_disposals") ?? (ownRequest ? "problem.same_person" : null))
    : null;
  const wipeBlocked = actions.includes("wipe") ? decisionBlocked(me, "verify_wipes") : null;
  const certificate = async (batch: string) => {
    try {
      const saved = await call("disposal_certificate_pdf", { batch });
      toast(t("life.certificateSaved", { path: saved.path }), "success");
    } catch (failure) {
      toast(describeError(t, failure), "error");
    }
  };
  return (
    <div className="life-block" data-testid="life-disposal">
      <div className="life-head">
        <h4>{t("life.disposal")}</h4>
        {actions.includes("request") && (
          <Button
            edits="records"
            size="sm"
            onClick={() => props.onStep("request")}
            data-testid="life-request"
          >
            {t("life.request")}
          </Button>
        )}
        {actions.includes("decide") && (
          <>
            <Button
              edits="records"
              size="sm"
              disabled={decideBlocked !== null}
              onClick={() => props.onStep("approve")}
              data-testid="life-approve"
            >
              {t("life.approve")}
            </Button>
            <Button
              edits="records"
              size="sm"
              disabled={decideBlocked !== null}
              onClick={() => props.onStep("reject")}
              data-testid="life-reject"
            >
              {t("life.reject")}
            </Button>
          </>
        )}
        {actions.includes("wipe") && (
          <Button
            edits="records"
            size="sm"
            disabled={wipeBlocked !== null}
            onClick={() => props.onStep("wipe")}
            data-testid="life-wipe"
          >
            {t("life.wipe")}
          </Button>
        )}
        {actions.includes("complete") && (
          <Button
            edits="records"
            size="sm"
            variant="danger"
            onClick={() => props.onStep("complete")}
            data-testid="life-complete"
          >
            {t("life.complete")}
          </Button>
        )}
        {stage === "disposed" && disposal !== null && (
          <Button size="sm" onClick={() => void certificate(disposal.batch)}>
            {t("life.certificate")}
          </Button>
        )}
      </div>
      {decideBlocked !== null && (
        <p className="life-reason text-warning" data-testid="life-decide-blocked">
          {t("life.decideBlocked", { reason: t(decideBlocked) })}
        </p>
      )}
      {wipeBlocked !== null && (
        <p className="life-reason text-warning" data-testid="life-wipe-blocked">
          {t("life.wipeBlocked", { reason: t(wipeBlocked) })}
        </p>
      )}
      {props.holdsData && stage !== "disposed" && <p className="muted">{t("life.holdsData")}</p>}
      {disposal === null ? (
        <p className="muted">{t("life.noDisposal")}</p>
      ) : (
        <>
          <ol className="stepper" data-testid="disposal-stepper">
            {(["requested", "approved", "wiped", "disposed"] as const).map((step) => (
              <li
                key={step}
                className={
                  stage === "rejected" && step === "approved"
                    ? "is-rejected"
                    : disposalStages.indexOf(step) <= reached && stage !== "rejected"
                      ? "is-done"
                      : ""
                }
              >
                {t(
                  stage === "rejected" && step === "approved" ? "stage.rejected" : `stage.${step}`,
                )}
              </li>
            ))}
          </ol>
          <ul className="life-list">
            <li>
              {t("life.requestedBy", {
                name: disposal.requested_by,
                on: disposal.requested_on,
                reason: disposal.reason,
              })}
            </li>
            {disposal.decided_on !== null && (
              <li>
                {t("life.decidedBy", { name: disposal.decided_by, on: disposal.decided_on })}
                {disposal.decision_note !== "" && ` · ${disposal.decision_note}`}
                <DecisionMark check={checkOf("approve_disposal", "reject_disposal")} />
              </li>
            )}
            {disposal.wipe !== null && (
              <li>
                {t("life.wipedBy", {
                  method: t(`wipeMethod.${disposal.wipe.method}`),
                  tool: disposal.wipe.tool,
                  wiped: disposal.wipe.wiped_by,
                  verified: disposal.wipe.verified_by,
                  certificate: disposal.wipe.certificate,
                })}
                <DecisionMark check={checkOf("verify_wipe")} />
                {disposal.wipe.attachment !== null && (
                  <div className="life-file">
                    <FileLink
                      sha={disposal.wipe.attachment}
                      name={disposal.wipe.attachment_name ?? t("life.wipeReport")}
                      testId="life-wipe-report"
                    />
                  </div>
                )}
              </li>
            )}
            {disposal.disposed_on !== null && (
              <li>
                {t("life.disposedIn", {
                  on: disposal.disposed_on,
                  vendor: disposal.vendor,
                  batch: disposal.batch,
                })}
              </li>
            )}
          </ul>
        </>
      )}
    </div>
  );
}
