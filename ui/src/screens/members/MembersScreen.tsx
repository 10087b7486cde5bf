// The members of the open workspace as the team server signed them: each member's role,
// capabilities (with a purchase approval's largest amount in 원 and its categories) and
// device keys (added, revoked). The roster's version and when it was signed; a notice when
// there is none yet or it was tampered with; an empty state when the workspace is not logged
// in to a team. A workspace admin (the admin role, or Administer members) grants and takes
// back capabilities, changes roles and revokes keys; everyone else reads, and is told why.
//
// Keys: ↑/↓ choose a member, G grants a capability to the chosen one, R changes their role.
import { useState } from "react";
import type { GrantView } from "../../bindings/GrantView";
import type { KeyView } from "../../bindings/KeyView";
import type { MemberView } from "../../bindings/MemberView";
import type { MembersMe } from "../../bindings/MembersMe";
import { Button } from "../../components/Button";
import { EmptyState } from "../../components/EmptyState";
import { Icon } from "../../components/Icon";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { useLanguage, useT } from "../../i18n";
import { describeError } from "../../lib/errors";
import { useAnyModalOpen } from "../../lib/modalStack";
import { useShortcuts } from "../../lib/shortcuts";
import { useSync } from "../../lib/sync";
import { useCommand } from "../../lib/useCommand";
import { GrantDialog, RevokeKeyDialog, RoleDialog, UngrantDialog } from "./MemberDialogs";
import {
  capabilityName,
  formatDay,
  formatMoment,
  grantPeriod,
  grantTerms,
  roleName,
} from "./memberText";

type OpenDialog =
  | { kind: "grant"; member: MemberView }
  | { kind: "ungrant"; member: MemberView; grant: GrantView }
  | { kind: "role"; member: MemberView }
  | { kind: "revoke"; member: MemberView; key: KeyView };

/** Whether this account may change members now, or why not. */
function adminState(me: MembersMe | undefined): "admin" | "logged_out" | "reader" {
  if (me === undefined || !me.administers) return "reader";
  return me.logged_in ? "admin" : "logged_out";
}

export function MembersScreen() {
  const t = useT();
  const { language } = useLanguage();
  const toast = useToast();
  const sync = useSync();
  const me = useCommand("members_me", {});
  const roster = useCommand("members_roster", {});
  const [chosen, setChosen] = useState<string | null>(null);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const modalOpen = useAnyModalOpen();

  const members = roster.data?.members ?? [];
  const admin = adminState(me.data) === "admin";
  const current = members.find((member) => member.user_id === chosen) ?? members[0];

  const move = (step: number) => {
    if (members.length === 0) return;
    const index = current === undefined ? 0 : members.indexOf(current);
    const next = members[Math.min(members.length - 1, Math.max(0, index + step))];
    if (next === undefined) return;
    setChosen(next.user_id);
    document
      .querySelector<HTMLElement>(`[data-testid="member-row"][data-user-id="${next.user_id}"]`)
      ?.focus();
  };
  useShortcuts(
    {
      ArrowDown: () => move(1),
      ArrowUp: () => move(-1),
      g: () => admin && current !== undefined && setDialog({ kind: "grant", member: current }),
      r: () => admin && current !== undefined && setDialog({ kind: "role", member: current }),
    },
    !modalOpen,
  );

  const syncNow = () =>
    void sync.syncNow().catch((failure: unknown) => toast(describeError(t, failure), "error"));

  const data = me.data;
  let body;
  if ((me.error !== undefined && data === undefined) || roster.error !== undefined) {
    body = (
      <p className="banner banner-error" role="alert">
        {t("members.loadFailed")} {describeError(t, me.error ?? roster.error)}
      </p>
    );
  } else if (data === undefined || roster.data === undefined) {
    body = <Spinner label={t("common.loading")} />;
  } else if (!data.bound) {
    body = (
      <EmptyState
        icon="cloud"
        title={t("members.notBoundTitle")}
        body={t("members.notBoundBody")}
        testId="members-not-bound"
        actions={
          <Button
            variant="primary"
            icon={<Icon name="logIn" size={14} />}
            onClick={() => sync.openLogin()}
            data-testid="members-login"
          >
            {t("members.login")}
          </Button>
        }
      />
    );
  } else if (data.roster.state === "none") {
    body = (
      <EmptyState
        icon="refresh"
        title={t("members.noRosterTitle")}
        body={t("members.noRosterBody")}
        testId="members-no-roster"
        actions={
          <Button variant="primary" onClick={syncNow} data-testid="members-sync-now">
            {t("members.syncNow")}
          </Button>
        }
      />
    );
  } else if (data.roster.state === "tampered") {
    body = (
      <div
        className="banner banner-error members-tampered"
        role="alert"
        data-testid="members-tampered"
      >
        <p>{t("members.tampered")}</p>
        <Button onClick={syncNow} data-testid="members-sync-now">
          {t("members.syncNow")}
        </Button>
      </div>
    );
  } else {
    body = (
      <>
        <MeCard me={data} />
        {adminState(data) === "reader" && (
          <p className="muted members-reason" data-testid="members-read-only">
            {t("members.readOnlyReason")}
          </p>
        )}
        {adminState(data) === "logged_out" && (
          <p className="banner banner-warning members-reason" data-testid="members-logged-out">
            {t("members.loggedOutReason")}
          </p>
        )}
        <ul className="member-list" aria-label={t("members.list")} data-testid="member-list">
          {members.map((member) => (
            <MemberRow
              key={member.user_id}
              member={member}
              chosen={member === current}
              admin={admin}
              onChoose={() => setChosen(member.user_id)}
              onOpen={setDialog}
            />
          ))}
        </ul>
      </>
    );
  }

  const status = data?.roster;
  return (
    <div className="screen-pad members-screen" data-testid="members-screen">
      <div className="screen-head">
        <h1 className="screen-title">{t("members.title")}</h1>
        {status?.state === "verified" && (
          <span className="muted tabular" data-testid="roster-version">
            {t("members.rosterVersion", {
              version: status.version,
              issued: formatMoment(status.issued_at_ms, language),
            })}
          </span>
        )}
      </div>
      {body}
      {dialog?.kind === "grant" && (
        <GrantDialog member={dialog.member} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === "ungrant" && (
        <UngrantDialog
          member={dialog.member}
          grant={dialog.grant}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === "role" && (
        <RoleDialog member={dialog.member} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === "revoke" && (
        <RevokeKeyDialog
          member={dialog.member}
          keyView={dialog.key}
          onClose={() => setDialog(null)}
        />
      )}
    </div>
  );
}

/** Who I am here: role, capabilities held now, and this device's key. */
function MeCard({ me }: { me: MembersMe }) {
  const t = useT();
  const { language } = useLanguage();
  const key = me.device_key;
  return (
    <section className="members-me" aria-label={t("members.me")} data-testid="members-me">
      <div className="members-me-who">
        <span className="muted">{t("members.me")}</span>
        <strong data-testid="members-me-line">
          {me.role === null
            ? t("members.meNoRole", { name: me.name })
            : t("members.meLine", { name: me.name, role: roleName(t, me.role) })}
        </strong>
      </div>
      <div className="members-me-caps">
        <span className="muted">{t("members.myCapabilities")}</span>
        {me.capabilities.length === 0 ? (
          <span>{t("members.noCapabilities")}</span>
        ) : (
          <span data-testid="members-me-capabilities">
            {me.capabilities
              .map((grant) =>
                [capabilityName(t, grant.capability), grantTerms(t, language, grant)]
                  .filter((part) => part !== "")
                  .join(" "),
              )
              .join(", ")}
          </span>
        )}
      </div>
      {key.state === "registered" && (
        <span className="members-key-ok" data-testid="members-me-key">
          <Icon name="check" size={14} />
          {t("members.key.registered")}
        </span>
      )}
      {key.state === "revoked" && (
        <p className="banner banner-error" data-testid="members-me-key">
          {t("members.key.revoked", { at: formatMoment(key.revoked_at_ms, language) })}
        </p>
      )}
      {key.state === "not_registered" && (
        <p className="banner banner-warning" data-testid="members-me-key">
          {t("members.key.notRegistered")}
        </p>
      )}
    </section>
  );
}

function MemberRow(props: {
  member: MemberView;
  chosen: boolean;
  admin: boolean;
  onChoose: () => void;
  onOpen: (dialog: OpenDialog) => void;
}) {
  const t = useT();
  const { language } = useLanguage();
  const { member, admin } = props;
  return (
    <li
      className={`member-row ${props.chosen ? "is-chosen" : ""}`}
      tabIndex={props.chosen ? 0 : -1}
      aria-current={props.chosen ? "true" : undefined}
      onFocus={props.onChoose}
      onMouseDown={props.onChoose}
      data-testid="member-row"
      data-user-id={member.user_id}
      data-name={member.name}
    >
      <div className="member-who">
        <span className="member-name">
          <strong data-testid="member-name">{member.name}</strong>
          {member.me && <span className="member-me">{t("members.you")}</span>}
        </span>
        <span className={`role-badge role-${member.role}`} data-testid="member-role">
          {roleName(t, member.role)}
        </span>
        {admin && (
          <Button
            size="sm"
            variant="ghost"
            onClick={() => props.onOpen({ kind: "role", member })}
            aria-label={t("members.changeRoleFor", { name: member.name })}
            data-testid="member-change-role"
          >
            {t("members.changeRole")}
          </Button>
        )}
      </div>
      <div className="member-caps">
        <span className="member-label">{t("members.capabilities")}</span>
        {member.grants.length === 0 && <span className="muted">{t("members.noGrants")}</span>}
        <ul className="member-grants">
          {member.grants.map((grant, index) => {
            const name = capabilityName(t, grant.capability);
            const terms = grantTerms(t, language, grant);
            return (
              <li
                key={`${grant.capability}-${grant.from_ms}-${index}`}
                className={`member-grant ${grant.in_force ? "" : "is-ended"}`}
                data-testid="member-grant"
                data-capability={grant.capability}
                data-in-force={grant.in_force}
              >
                <span className="member-grant-name">{name}</span>
                {terms !== "" && (
                  <span className="member-grant-terms tabular" data-testid="member-grant-terms">
                    {terms}
                  </span>
                )}
                <span className="muted member-grant-period">
                  {grantPeriod(t, language, grant)}
                  {!grant.in_force && ` · ${t("members.grantEnded")}`}
                </span>
                {admin && grant.in_force && (
                  <button
                    type="button"
                    className="chip-remove"
                    onClick={() => props.onOpen({ kind: "ungrant", member, grant })}
                    aria-label={t("members.ungrantFor", { name: member.name, capability: name })}
                    title={t("members.ungrant")}
                    data-testid="member-ungrant"
                  >
                    <Icon name="x" size={12} />
                  </button>
                )}
              </li>
            );
          })}
        </ul>
        {admin && (
          <Button
            size="sm"
            icon={<Icon name="plus" size={12} />}
            onClick={() => props.onOpen({ kind: "grant", member })}
            aria-label={t("members.grantFor", { name: member.name })}
            data-testid="member-grant-open"
          >
            {t("members.grant")}
          </Button>
        )}
      </div>
      <div className="member-keys">
        <span className="member-label">{t("members.keys")}</span>
        {member.keys.length === 0 && <span className="muted">{t("members.noKeys")}</span>}
        <ul>
          {member.keys.map((key) => {
            const device = key.device_name || t("members.unnamedDevice");
            return (
              <li
                key={key.id}
                className={`member-key ${key.revoked_at_ms === null ? "" : "is-revoked"}`}
                data-testid="member-key"
                data-key-id={key.id}
                data-revoked={key.revoked_at_ms !== null}
              >
                <span className="member-key-device">
                  {device}
                  <span className="member-key-id" title={key.id}>
                    {key.id.slice(0, 8)}
                  </span>
                  {key.this_device && (
                    <span className="member-this-device">{t("members.thisDevice")}</span>
                  )}
                </span>
                <span className="muted tabular">
                  {t("members.keyAdded", { at: formatDay(key.added_at_ms, language) })}
                  {key.revoked_at_ms !== null &&
                    ` · ${t("members.keyRevoked", { at: formatMoment(key.revoked_at_ms, language) })}`}
                </span>
                {admin && key.revoked_at_ms === null && (
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => props.onOpen({ kind: "revoke", member, key })}
                    aria-label={t("members.revokeFor", { device })}
                    data-testid="member-revoke-key"
                  >
                    {t("members.revoke")}
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      </div>
    </li>
  );
}
