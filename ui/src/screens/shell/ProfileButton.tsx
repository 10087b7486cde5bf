import { useState, type FormEvent } from "react";
import { InitialsBadge } from "../../components/Badge";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { useToast } from "../../components/Toast";
import { useT } from "../../i18n";
import { useAppState } from "../../lib/appState";
import { refusal } from "../../lib/problems";

/**
 * Initials derived from a name, the same rule as Rust's `Author::from_name` (which decides
 * what is stored): Hangul names give their first two syllables, others the first letters of up
 * to two words, or the first two letters.
 */
export function initialsFor(name: string): string {
  const trimmed = name.trim();
  if (/^[\uac00-\ud7a3]/.test(trimmed))
    return [...trimmed.replace(/\s+/g, "")].slice(0, 2).join("");
  const words = trimmed.split(/\s+/).filter(Boolean);
  if (words.length >= 2)
    return words
      .slice(0, 2)
      .map((word) => [...word][0]?.toUpperCase() ?? "")
      .join("");
  return [...(words[0] ?? "")].slice(0, 2).join("").toUpperCase();
}

/** The local user's initials badge; clicking it edits the name and initials changes carry. */
export function ProfileButton() {
  const t = useT();
  const { state } = useAppState();
  const [editing, setEditing] = useState(false);
  const profile = state?.profile ?? null;
  // Until the user says their name, the app's own name is not shown as theirs.
  const chosen = state?.profile_chosen ?? true;
  return (
    <>
      <button
        type="button"
        className="profile-button"
        data-testid="profile-button"
        aria-label={t("profile.label", { name: chosen ? (profile?.name ?? "") : "" })}
        title={chosen ? profile?.name : t("profile.setName")}
        onClick={() => setEditing(true)}
      >
        <InitialsBadge initials={chosen ? (profile?.initials ?? "?") : "?"} />
        <span className={chosen ? "profile-name" : "profile-name muted"}>
          {chosen ? profile?.name : t("profile.setName")}
        </span>
      </button>
      {editing && <ProfileDialog onClose={() => setEditing(false)} />}
    </>
  );
}

function ProfileDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const toast = useToast();
  const { state, saveProfile } = useAppState();
  const chosen = state?.profile_chosen ?? true;
  const [name, setName] = useState(chosen ? (state?.profile?.name ?? "") : (state?.os_user ?? ""));
  const [initials, setInitials] = useState(chosen ? (state?.profile?.initials ?? "") : "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    setBusy(true);
    try {
      // Empty initials are derived by Rust from the name, which goes as typed: Rust trims
      // its spaces and refuses what a name may not hold (crates/core/src/names.rs).
      await saveProfile(name, initials.trim().slice(0, 3));
      toast(t("profile.saved"));
      onClose();
    } catch (failure) {
      const refused = refusal(t, failure, ["name"]);
      setError(refused.fields.name ?? refused.lines[0]);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t("profile.title")}
      onClose={onClose}
      size="sm"
      testId="profile-dialog"
      footer={
        <>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button
            variant="primary"
            busy={busy}
            disabled={name.trim() === ""}
            onClick={() => void submit()}
            data-testid="profile-save"
          >
            {t("common.save")}
          </Button>
        </>
      }
    >
      <form className="form-stack" onSubmit={(event) => void submit(event)}>
        <div className="profile-preview">
          <InitialsBadge initials={initials.trim() || initialsFor(name) || "?"} />
          <p className="muted">{t("profile.help")}</p>
        </div>
        <Field label={t("profile.name")} required error={error}>
          <input
            className="input"
            data-autofocus
            data-testid="profile-name"
            value={name}
            maxLength={80}
            onChange={(event) => setName(event.target.value)}
          />
        </Field>
        <Field label={t("profile.initials")}>
          <input
            className="input input-short"
            data-testid="profile-initials"
            value={initials}
            maxLength={3}
            placeholder={initialsFor(name)}
            onChange={(event) => setInitials(event.target.value)}
          />
        </Field>
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
