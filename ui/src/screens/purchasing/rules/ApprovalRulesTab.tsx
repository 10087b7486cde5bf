// 결재 규칙: the approval rules by amount band — each with its kinds and its approval line
// (검토 박팀장 → 합의 최재무·정보안 → 결재 강대표), who is copied, 전결 below a threshold
// and the step an edit returns to — with add, edit and removal (after a confirmation: requests
// already submitted keep their line); then the substitutes (대결): who approves for an absent
// approver, over which days and why, with add, edit and removal.
import { useState } from "react";
import type { ApprovalRule } from "../../../bindings/ApprovalRule";
import type { Substitute } from "../../../bindings/Substitute";
import { Button } from "../../../components/Button";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { EmptyState } from "../../../components/EmptyState";
import { Icon } from "../../../components/Icon";
import { Spinner } from "../../../components/Spinner";
import { useToast } from "../../../components/Toast";
import { useLanguage, useT, type Language } from "../../../i18n";
import { useEditAccess } from "../../../lib/editAccess";
import { describeError } from "../../../lib/errors";
import { formatMoney } from "../../../lib/format";
import { useAnyModalOpen } from "../../../lib/modalStack";
import { useShortcuts } from "../../../lib/shortcuts";
import { useCommand } from "../../../lib/useCommand";
import { call } from "../../../ipc";
import { names } from "./people";
import { RuleDialog } from "./RuleDialog";
import { SubstituteDialog } from "./SubstituteDialog";

function won(amount: number, language: Language): string {
  return formatMoney({ amount_minor: amount, currency: "KRW" }, language);
}

/** The approval line in one line: 검토 박팀장 → 합의 최재무·정보안 → 결재 강대표. */
function RuleLine({ rule }: { rule: ApprovalRule }) {
  const t = useT();
  return (
    <span className="rules-line" data-testid="rule-line">
      {rule.steps.map((step, at) => (
        <span key={at} className="rules-line-step">
          {at > 0 && <span className="muted"> → </span>}
          <strong>{t(`request.step.${step.kind}`)}</strong> {names(step.approvers)}
        </span>
      ))}
    </span>
  );
}

/** Asks before removing a rule or a substitute, then removes it; the toast says it is done. */
function RemoveConfirm(props: {
  title: string;
  summary: string;
  confirmLabel: string;
  remove: () => Promise<unknown>;
  done: string;
  onClose: () => void;
  testId: string;
}) {
  const t = useT();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const go = async () => {
    setBusy(true);
    try {
      await props.remove();
      toast(props.done, "success");
      props.onClose();
    } catch (error) {
      toast(describeError(t, error), "error");
      setBusy(false);
    }
  };
  return (
    <ConfirmDialog
      title={props.title}
      summary={props.summary}
      confirmLabel={props.confirmLabel}
      danger
      cannotUndo
      busy={busy}
      onConfirm={() => void go()}
      onClose={props.onClose}
      testId={props.testId}
    />
  );
}

function RuleRow(props: { rule: ApprovalRule; onEdit: () => void; onRemove: () => void }) {
  const { rule, onEdit } = props;
  const t = useT();
  const { language } = useLanguage();
  const min = won(rule.min_krw, language);
  const returnStep = rule.steps[rule.return_to];
  return (
    <tr data-testid="rule-row" data-rule={rule.name}>
      <td>
        <strong>{rule.name}</strong>
      </td>
      <td className="tabular rules-band" data-testid="rule-band">
        {rule.max_krw === null
          ? t("rules.bandOpen", { min })
          : t("rules.band", { min, max: won(rule.max_krw, language) })}
      </td>
      <td data-testid="rule-kinds">
        {rule.kinds.length === 0
          ? t("rules.anyKind")
          : rule.kinds.map((kind) => t(`request.kind.${kind}`)).join(", ")}
      </td>
      <td>
        <RuleLine rule={rule} />
        <div className="muted rules-extra">
          {rule.cc.length > 0 && (
            <div data-testid="rule-cc">{t("rules.cc", { people: names(rule.cc) })}</div>
          )}
          {rule.delegate_below_krw !== null && rule.delegate_to !== null && (
            <div data-testid="rule-delegate">
              {t("rules.delegate", {
                amount: won(rule.delegate_below_krw, language),
                who: names([rule.delegate_to]),
              })}
            </div>
          )}
          {returnStep !== undefined && (
            <div data-testid="rule-return">
              {t("rules.returnTo", {
                step: rule.return_to + 1,
                kind: t(`request.step.${returnStep.kind}`),
              })}
            </div>
          )}
        </div>
      </td>
      <td>
        <Button
          edits="records"
          size="sm"
          variant="ghost"
          aria-label={t("rules.editNamed", { name: rule.name })}
          onClick={onEdit}
          data-testid="rule-edit"
        >
          {t("rules.edit")}
        </Button>
        <Button
          edits="records"
          size="sm"
          variant="ghost"
          aria-label={t("rules.removeNamed", { name: rule.name })}
          onClick={props.onRemove}
          data-testid="rule-remove"
        >
          {t("rules.remove")}
        </Button>
      </td>
    </tr>
  );
}

function Substitutes() {
  const t = useT();
  const list = useCommand("substitute_list", {});
  const [editing, setEditing] = useState<Substitute | "new" | null>(null);
  const [removing, setRemoving] = useState<Substitute | null>(null);
  const rows = list.data;
  const who = (row: Substitute) => ({
    absent: names([row.absent]),
    substitute: names([row.substitute]),
  });
  return (
    <section className="rules-substitutes" data-testid="substitutes" aria-labelledby="subst-h">
      <div className="rules-section-head">
        <h2 id="subst-h" className="section-title">
          {t("subst.title")}
        </h2>
        <span className="muted">{t("subst.intro")}</span>
        <Button
          edits="records"
          size="sm"
          className="rules-add"
          icon={<Icon name="plus" size={14} />}
          onClick={() => setEditing("new")}
          data-testid="substitute-add"
        >
          {t("subst.add")}
        </Button>
      </div>
      {list.error !== undefined && rows === undefined ? (
        <p className="banner banner-error" role="alert">
          {describeError(t, list.error)}
        </p>
      ) : rows === undefined ? (
        <Spinner label={t("common.loading")} />
      ) : rows.length === 0 ? (
        <p className="muted" data-testid="substitutes-empty">
          {t("subst.empty")}
        </p>
      ) : (
        <table className="plain-table" aria-label={t("subst.table")}>
          <thead>
            <tr>
              <th>{t("subst.col.absent")}</th>
              <th>{t("subst.col.substitute")}</th>
              <th>{t("subst.col.period")}</th>
              <th>{t("subst.col.reason")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-testid="substitute-row">
                <td>{names([row.absent])}</td>
                <td>{names([row.substitute])}</td>
                <td className="tabular">
                  {t("subst.period", { from: row.from, until: row.until })}
                </td>
                <td>{row.reason}</td>
                <td>
                  <Button
                    edits="records"
                    size="sm"
                    variant="ghost"
                    aria-label={t("subst.editNamed", who(row))}
                    onClick={() => setEditing(row)}
                    data-testid="substitute-edit"
                  >
                    {t("rules.edit")}
                  </Button>
                  <Button
                    edits="records"
                    size="sm"
                    variant="ghost"
                    aria-label={t("subst.removeNamed", who(row))}
                    onClick={() => setRemoving(row)}
                    data-testid="substitute-remove"
                  >
                    {t("rules.remove")}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing !== null && (
        <SubstituteDialog
          substitute={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => setEditing(null)}
        />
      )}
      {removing !== null && (
        <RemoveConfirm
          title={t("subst.removeTitle")}
          summary={t("subst.removeSummary", who(removing))}
          confirmLabel={t("rules.remove")}
          remove={() => call("substitute_remove", { id: removing.id, reason: "" })}
          done={t("subst.removed", who(removing))}
          onClose={() => setRemoving(null)}
          testId="substitute-remove-confirm"
        />
      )}
    </section>
  );
}

export function ApprovalRulesTab() {
  const t = useT();
  const list = useCommand("approval_rule_list", {});
  const [editing, setEditing] = useState<ApprovalRule | "new" | null>(null);
  const [removing, setRemoving] = useState<ApprovalRule | null>(null);
  const rules = list.data;
  const modalOpen = useAnyModalOpen();
  const access = useEditAccess();
  const toast = useToast();
  // n: a new rule, as on the other tabs.
  useShortcuts(
    {
      n: () => {
        const refused = access.reason("records");
        if (refused === undefined) setEditing("new");
        else toast(refused, "error");
      },
    },
    !modalOpen,
  );

  let body;
  if (list.error !== undefined && rules === undefined) {
    body = (
      <p className="banner banner-error" role="alert">
        {describeError(t, list.error)}
      </p>
    );
  } else if (rules === undefined) {
    body = <Spinner label={t("common.loading")} />;
  } else if (rules.length === 0) {
    body = (
      <EmptyState
        icon="route"
        title={t("rules.empty.title")}
        body={t("rules.empty.body")}
        testId="rules-empty"
        actions={
          <Button edits="records" variant="primary" onClick={() => setEditing("new")}>
            {t("rules.add")}
          </Button>
        }
      />
    );
  } else {
    body = (
      <table className="plain-table rules-table" aria-label={t("rules.table")}>
        <thead>
          <tr>
            <th>{t("rules.col.name")}</th>
            <th>{t("rules.col.band")}</th>
            <th>{t("rules.col.kinds")}</th>
            <th>{t("rules.col.line")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rules.map((rule) => (
            <RuleRow
              key={rule.id}
              rule={rule}
              onEdit={() => setEditing(rule)}
              onRemove={() => setRemoving(rule)}
            />
          ))}
        </tbody>
      </table>
    );
  }

  return (
    <div className="rules-tab" data-testid="rules-tab">
      <div className="filter-bar">
        <Button
          edits="records"
          size="sm"
          variant="primary"
          className="rules-add"
          icon={<Icon name="plus" size={14} />}
          onClick={() => setEditing("new")}
          data-testid="rule-add"
        >
          {t("rules.add")}
        </Button>
      </div>
      <div className="rules-body">
        {body}
        <Substitutes />
      </div>
      {editing !== null && (
        <RuleDialog
          rule={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => setEditing(null)}
        />
      )}
      {removing !== null && (
        <RemoveConfirm
          title={t("rules.removeNamed", { name: removing.name })}
          summary={t("rules.removeSummary", { name: removing.name })}
          confirmLabel={t("rules.remove")}
          remove={() => call("approval_rule_remove", { id: removing.id, reason: "" })}
          done={t("rules.removed", { name: removing.name })}
          onClose={() => setRemoving(null)}
          testId="rule-remove-confirm"
        />
      )}
    </div>
  );
}
