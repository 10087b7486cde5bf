// What the account logged in to the open workspace may change, app-wide: a viewer nothing, an
// auditor audits only (see crates/core/src/trust/access.rs). App.tsx provides it from
// `members_me` (read again after every `workspace_changed`, which a sync that brought a new
// roster sends too); edit actions ask it (`<Button edits="records">`, `useEditAccess()`) and
// show the reason instead of acting. Rust refuses the same writes before anything is written,
// so a screen that has not caught up cannot edit either.
import { createContext, useContext, useMemo, type ReactNode } from "react";
import type { EditAccess } from "../bindings/EditAccess";
import type { MembersMe } from "../bindings/MembersMe";
import { type MessageKey, useT } from "../i18n";
import { useAppState } from "./appState";
import { useCommand } from "./useCommand";

/** What an edit action changes: the workspace's records, or audit records only. */
export type EditScope = "records" | "audits";

/** Why `access` may not make an edit of `scope` (undefined: it may). */
export function accessReason(access: EditAccess, scope: EditScope): MessageKey | undefined {
  switch (access) {
    case "everything":
      return undefined;
    case "audits_only":
      return scope === "audits" ? undefined : "access.audits_only";
    case "read_only":
      return "access.read_only";
    case "not_a_member":
      return "access.not_a_member";
  }
}

interface EditAccessValue {
  /** `members_me` as last read (undefined until it arrives, or without a workspace). */
  me: MembersMe | undefined;
  access: EditAccess;
}

// Without a provider (a screen rendered on its own in a test) nothing is restricted: as a
// workspace without a roster.
const EditAccessContext = createContext<EditAccessValue>({ me: undefined, access: "everything" });

/** Reads who I am in the open workspace (none open: nothing restricted). */
export function EditAccessProvider(props: { children: ReactNode }) {
  const { state } = useAppState();
  const open = state?.current != null;
  const me = useCommand("members_me", open ? {} : null);
  const data = open ? me.data : undefined;
  const value = useMemo<EditAccessValue>(
    () => ({ me: data, access: data?.access ?? "everything" }),
    [data],
  );
  return <EditAccessContext.Provider value={value}>{props.children}</EditAccessContext.Provider>;
}

export interface EditAccessAnswer {
  me: MembersMe | undefined;
  access: EditAccess;
  /** Whether an edit of `scope` may be made. */
  allows: (scope: EditScope) => boolean;
  /** Why not, in words (undefined when it may). */
  reason: (scope: EditScope) => string | undefined;
}

export function useEditAccess(): EditAccessAnswer {
  const t = useT();
  const { me, access } = useContext(EditAccessContext);
  return {
    me,
    access,
    allows: (scope) => accessReason(access, scope) === undefined,
    reason: (scope) => {
      const key = accessReason(access, scope);
      return key === undefined ? undefined : t(key);
    },
  };
}
