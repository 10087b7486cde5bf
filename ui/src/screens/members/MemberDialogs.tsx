// The members screen's dialogs, one per change a workspace admin asks the team server for:
// grant a capability (a purchase approval with its largest amount and categories), take one
// back, change a role, revoke a device key (a lost laptop). Each says what will happen and
// what stays valid, shows progress while the server answers, and a refusal above the buttons.
import { useState, type FormEvent, type ReactNode } from "react";
import type { Capability } from "../../bindings/Capability";
import type { GrantView } from "../../bindings/GrantView";
import type { KeyView } from "../../bindings/KeyView";
import type { MemberView } from "../../bindings/MemberView";
import type { Role } from "../../bindings/Role";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { useToast } from "../../components/Toast";
import { useT } from "../../i18n";
import { call } from "../../ipc";
import { problemText, formProblem, type Refusal, useRefusal } from "../../lib/problems";
import {
  capabilities,
  capabilityName,
  isRole,
  parseAmount,
  parseCategories,
  roleName,
  roles,
} from "./memberText";

function RefusalLines({ refused }: { refused: Refusal }) {
  if (refused.lines.length === 0) return null;
  return (
    <ul className="problem-list" role="alert" data-testid="member-problems">
      {refused.lines.map((line, index) => (
        <li key={index}>{line}</li>
      ))}
    </ul>
  );
}

/** The frame every member dialog shares: its text, the refusal, Cancel and the confirm button. */
function ChangeDialog(props: {
  title: string;
  testId: string;
  confirm: string;
  danger?: boolean;
  busy: boolean;
  refused: Refusal;
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
}) {
  const t = useT();
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!props.busy) props.onSubmit();
  };
  return (
    <Dialog
      title={props.title}
      onClose={props.onClose}
      size="sm"
      testId={props.testId}
      footer={
        <>
          <Button onClick={props.onClose}>{t("common.cancel")}</Button>
          <Button
            variant={props.danger === true ? "danger" : "primary"}
            busy={props.busy}
            onClick={() => submit()}
            data-testid="member-confirm"
          >
            {props.busy ? t("members.asking") : props.confirm}
          </Button>
        </>
      }
    >
      <form className="member-dialog" onSubmit={submit}>
        {props.children}
        <RefusalLines refused={props.refused} />
        {props.busy && (
          <p className="muted" role="status" data-testid="member-asking">
            {t("members.asking")}
          </p>
        )}
      </form>
    </Dialog>
  );
}

export function GrantDialog(props: { member: MemberView; onClose: () => void }) {
  const t = useT();
  const toast = useToast();
  const { busy, refused, run } = useRefusal([]);
  const [capability, setCapability] = useState<Capability>("approve_disposals");
  const [amount, setAmount] = useState("");
  const [categories, setCategories] = useState("");
  const [amountError, setAmountError] = useState<string>();
  const purchases = capability === "approve_purchases";
  const held = props.member.grants.some(
    (grant) => grant.in_force && grant.capability === capability,
  );
  const submit = () => {
    const maxAmountKrw = purchases ? parseAmount(amount) : null;
    if (maxAmountKrw === undefined) {
      setAmountError(problemText(t, formProblem("max_amount_krw", "bad_amount", amount)));
      return;
    }
    setAmountError(undefined);
    void run(async () => {
      await call("members_grant", {
        userId: props.member.user_id,
        capability,
        maxAmountKrw,
        categories: purchases ? parseCategories(categories) : [],
      });
      toast(
        t("members.done.grant", {
          name: props.member.name,
          capability: capabilityName(t, capability),
        }),
        "success",
      );
      props.onClose();
    });
  };
  return (
    <ChangeDialog
      title={t("members.grant.title")}
      testId="member-grant-dialog"
      confirm={t("members.grant.confirm")}
      busy={busy}
      refused={refused}
      onSubmit={submit}
      onClose={props.onClose}
    >
      <p>{t("members.grant.who", { name: props.member.name })}</p>
      <Field
        label={t("members.grant.capability")}
        hint={held ? t("members.grant.held") : undefined}
      >
        <select
          className="input"
          data-autofocus
          value={capability}
          onChange={(event) => setCapability(event.target.value as Capability)}
          data-testid="grant-capability"
        >
          {capabilities.map((code) => (
            <option key={code} value={code}>
              {capabilityName(t, code)}
            </option>
          ))}
        </select>
      </Field>
      {purchases && (
        <>
          <Field
            label={t("members.grant.maxAmount")}
            hint={t("members.grant.maxAmountHint")}
            error={amountError}
          >
            <input
              className="input tabular"
              inputMode="numeric"
              value={amount}
              onChange={(event) => setAmount(event.target.value)}
              data-testid="grant-max-amount"
            />
          </Field>
          <Field label={t("members.grant.categories")} hint={t("members.grant.categoriesHint")}>
            <input
              className="input"
              value={categories}
              onChange={(event) => setCategories(event.target.value)}
              data-testid="grant-categories"
            />
          </Field>
        </>
      )}
    </ChangeDialog>
  );
}

export function UngrantDialog(props: {
  member: MemberView;
  grant: GrantView;
  onClose: () => void;
}) {
  const t = useT();
  const toast = useToast();
  const { busy, refused, run } = useRefusal([]);
  const capability = capabilityName(t, props.grant.capability);
  const submit = () =>
    void run(async () => {
      await call("members_ungrant", {
        userId: props.member.user_id,
        capability: props.grant.capability,
      });
      toast(t("members.done.ungrant", { name: props.member.name, capability }), "success");
      props.onClose();
    });
  return (
    <ChangeDialog
      title={t("members.ungrant.title")}
      testId="member-ungrant-dialog"
      confirm={t("members.ungrant.confirm")}
      danger
      busy={busy}
      refused={refused}
      onSubmit={submit}
      onClose={props.onClose}
    >
      <p>{t("members.ungrant.what", { name: props.member.name, capability })}</p>
      <p className="muted">{t("members.ungrant.before")}</p>
    </ChangeDialog>
  );
}

export function RoleDialog(props: { member: MemberView; onClose: () => void }) {
  const t = useT();
  const toast = useToast();
  const { busy, refused, run } = useRefusal([]);
  const [role, setRole] = useState<Role>(isRole(props.member.role) ? props.member.role : "editor");
  const submit = () =>
    void run(async () => {
      await call("members_set_role", { userId: props.member.user_id, role });
      toast(
        t("members.done.role", { name: props.member.name, role: roleName(t, role) }),
        "success",
      );
      props.onClose();
    });
  return (
    <ChangeDialog
      title={t("members.role.title")}
      testId="member-role-dialog"
      confirm={t("members.role.confirm")}
      busy={busy}
      refused={refused}
      onSubmit={submit}
      onClose={props.onClose}
    >
      <p>{t("members.role.what", { name: props.member.name })}</p>
      <fieldset className="role-choices" aria-label={t("members.role")}>
        {roles.map((choice) => (
          <label key={choice} className="role-choice">
            <input
              type="radio"
              name="role"
              value={choice}
              checked={role === choice}
              onChange={() => setRole(choice)}
              data-autofocus={role === choice ? true : undefined}
              data-testid={`role-${choice}`}
            />
            <span>
              <strong>{roleName(t, choice)}</strong>
              <span className="muted">{t(`role.about.${choice}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {props.member.me && role !== "admin" && (
        <p className="banner banner-warning">{t("members.role.selfWarning")}</p>
      )}
    </ChangeDialog>
  );
}

export function RevokeKeyDialog(props: {
  member: MemberView;
  keyView: KeyView;
  onClose: () => void;
}) {
  const t = useT();
  const toast = useToast();
  const { busy, refused, run } = useRefusal([]);
  const device = props.keyView.device_name || t("members.unnamedDevice");
  const submit = () =>
    void run(async () => {
      await call("members_revoke_key", { userId: props.member.user_id, keyId: props.keyView.id });
      toast(t("members.done.revoke", { device }), "success");
      props.onClose();
    });
  return (
    <ChangeDialog
      title={t("members.revoke.title")}
      testId="member-revoke-dialog"
      confirm={t("members.revoke.confirm")}
      danger
      busy={busy}
      refused={refused}
      onSubmit={submit}
      onClose={props.onClose}
    >
      <p>{t("members.revoke.what", { name: props.member.name, device, id: props.keyView.id })}</p>
      <ul className="member-facts">
        <li>{t("members.revoke.before")}</li>
        <li>{t("members.revoke.after")}</li>
      </ul>
      {props.keyView.this_device && (
        <p className="banner banner-warning">{t("members.revoke.thisDevice")}</p>
      )}
    </ChangeDialog>
  );
}
