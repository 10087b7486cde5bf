import { useState, type FormEvent } from "react";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { useT, type MessageKey, type Translate } from "../../i18n";
import { call, CommandError } from "../../ipc";
import type { RemoteWorkspace } from "../../bindings/RemoteWorkspace";
import { useAppState } from "../../lib/appState";
import { describeError } from "../../lib/errors";
import { useSync, type LoginPrefill } from "../../lib/sync";

/** Login errors with their own sentence; anything else goes through describeError. */
const loginErrorKinds = [
  "bad_address",
  "offline",
  "invalid_credentials",
  "no_remote_workspace",
  "choose_workspace",
  "forbidden",
  "bad_answer",
  "insufficient_storage",
] as const;
type LoginErrorKind = (typeof loginErrorKinds)[number];

const roles = ["admin", "editor", "auditor", "viewer"] as const;

function loginError(t: Translate, error: unknown): { text: string; kind?: LoginErrorKind } {
  if (error instanceof CommandError) {
    const kind = loginErrorKinds.find((known) => known === error.kind);
    if (kind !== undefined) return { text: t(`login.error.${kind}`), kind };
  }
  return { text: describeError(t, error) };
}

function roleLabel(t: Translate, role: string): string {
  const known = roles.find((code) => code === role);
  return known === undefined ? role : t(`login.role.${known}` as MessageKey);
}

type Step = { kind: "credentials" } | { kind: "choose"; workspaces: RemoteWorkspace[] };

/**
 * 서버에 로그인: address, user and password; "다음" lists the account's workspaces on that
 * server. With one, it logs in at once; with several, the user picks one. Logging in binds
 * the local workspace of the same id or name (or a new one) and opens it; the password is
 * never kept, only the token Rust stores.
 */
export function LoginDialog({ prefill, onClose }: { prefill: LoginPrefill; onClose: () => void }) {
  const t = useT();
  const toast = useToast();
  const { state, enterWorkspace } = useAppState();
  const { refresh } = useSync();
  const [server, setServer] = useState(prefill.server ?? "");
  const [user, setUser] = useState(prefill.user ?? "");
  const [password, setPassword] = useState("");
  const [step, setStep] = useState<Step>({ kind: "credentials" });
  const [chosen, setChosen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; kind?: LoginErrorKind }>();

  const credentials = () => ({ server: server.trim(), user: user.trim(), password });
  const complete = server.trim() !== "" && user.trim() !== "" && password !== "";

  const logIn = async (workspace: RemoteWorkspace) => {
    const summary = await call("sync_login", { ...credentials(), workspace: workspace.id });
    await enterWorkspace(summary);
    // Not awaited: the sync worker also reports the new state as an event.
    void refresh();
    toast(t("login.done", { workspace: summary.meta.name, server: server.trim() }));
    onClose();
  };

  const next = async () => {
    if (!complete || busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const workspaces = await call("sync_remote_workspaces", credentials());
      const [only] = workspaces;
      if (only === undefined) {
        setError({ text: t("login.error.no_remote_workspace"), kind: "no_remote_workspace" });
      } else if (workspaces.length === 1) {
        await logIn(only);
        return;
      } else {
        // Preselect the server's copy of the open workspace, if it is one of them.
        const current = state?.current?.meta;
        const match = workspaces.find((w) => w.id === current?.id || w.name === current?.name);
        setChosen((match ?? only).id);
        setStep({ kind: "choose", workspaces });
      }
    } catch (failure) {
      setError(loginError(t, failure));
    }
    setBusy(false);
  };

  const confirm = async () => {
    if (step.kind !== "choose" || busy) return;
    const workspace = step.workspaces.find((w) => w.id === chosen);
    if (workspace === undefined) return;
    setBusy(true);
    setError(undefined);
    try {
      await logIn(workspace);
      return;
    } catch (failure) {
      const problem = loginError(t, failure);
      setError(problem);
      // A wrong password (changed meanwhile) or an unreachable server: back to the fields.
      if (problem.kind !== undefined && problem.kind !== "forbidden") {
        setStep({ kind: "credentials" });
      }
    }
    setBusy(false);
  };

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    void (step.kind === "credentials" ? next() : confirm());
  };

  const invalid = (kinds: LoginErrorKind[]) =>
    error?.kind !== undefined && kinds.includes(error.kind) ? true : undefined;

  return (
    <Dialog
      title={t("login.title")}
      onClose={onClose}
      size="sm"
      testId="login-dialog"
      footer={
        <>
          {busy && (
            <span className="footer-hint login-busy">
              <Spinner size={14} />
              {step.kind === "credentials" ? t("login.checking") : t("login.loggingIn")}
            </span>
          )}
          {step.kind === "choose" ? (
            <Button onClick={() => setStep({ kind: "credentials" })} disabled={busy}>
              {t("login.back")}
            </Button>
          ) : (
            <Button onClick={onClose}>{t("common.cancel")}</Button>
          )}
          <Button
            variant="primary"
            busy={busy}
            disabled={step.kind === "credentials" ? !complete : chosen === null}
            onClick={() => submit()}
            data-testid="login-submit"
          >
            {step.kind === "credentials" ? t("login.next") : t("login.submit")}
          </Button>
        </>
      }
    >
      <form className="form-stack" onSubmit={submit} noValidate>
        {error !== undefined && (
          <p className="banner banner-error" role="alert" data-testid="login-error">
            {error.text}
          </p>
        )}
        {step.kind === "credentials" ? (
          <>
            <p className="muted">{t("login.help")}</p>
            <Field label={t("login.server")} hint={t("login.serverHint")} required>
              <input
                className="input"
                data-testid="login-server"
                data-autofocus={server === "" ? true : undefined}
                value={server}
                inputMode="url"
                autoComplete="url"
                spellCheck={false}
                placeholder="https://sync.example.kr:8443"
                aria-invalid={invalid(["bad_address", "offline", "bad_answer"])}
                onChange={(event) => setServer(event.target.value)}
              />
            </Field>
            <Field label={t("login.user")} required>
              <input
                className="input"
                data-testid="login-user"
                data-autofocus={server !== "" && user === "" ? true : undefined}
                value={user}
                autoComplete="username"
                spellCheck={false}
                aria-invalid={invalid(["invalid_credentials"])}
                onChange={(event) => setUser(event.target.value)}
              />
            </Field>
            <Field label={t("login.password")} required>
              <input
                className="input"
                type="password"
                data-testid="login-password"
                data-autofocus={server !== "" && user !== "" ? true : undefined}
                value={password}
                autoComplete="current-password"
                aria-invalid={invalid(["invalid_credentials"])}
                onChange={(event) => setPassword(event.target.value)}
              />
            </Field>
          </>
        ) : (
          <fieldset className="form-group">
            <legend>{t("login.chooseWorkspace", { server: server.trim() })}</legend>
            <div className="choice-list" role="radiogroup">
              {step.workspaces.map((workspace) => (
                <label key={workspace.id} className="choice">
                  <input
                    type="radio"
                    name="login-workspace"
                    value={workspace.id}
                    checked={chosen === workspace.id}
                    onChange={() => setChosen(workspace.id)}
                    data-testid="login-workspace"
                    data-workspace-name={workspace.name}
                  />
                  <span className="choice-label">{workspace.name}</span>
                  <span className="choice-meta">{roleLabel(t, workspace.role)}</span>
                </label>
              ))}
            </div>
            <p className="field-hint">{t("login.chooseHint")}</p>
          </fieldset>
        )}
        {/* Enter in any field submits. */}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
