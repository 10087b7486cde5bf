// Whether the member logged in here may make a signed decision (approve or reject a disposal,
// verify a wipe), from `members_me`: the same reasons, in the same words, as the refusal the
// step would meet (`problem.{code}`), so the buttons say it before anyone types anything.
import type { Capability } from "../../bindings/Capability";
import type { MembersMe } from "../../bindings/MembersMe";
import type { MessageKey } from "../../i18n";
import { useCommand } from "../../lib/useCommand";

/**
 * Why the member logged in here may not make a decision that needs `capability` (the message
 * key of the refusal it would meet), or null when they may. A workspace with no team signs
 * nothing and blocks nothing; while `members_me` is unknown nothing is blocked either (the
 * step itself still refuses).
 */
export function decisionBlocked(
  me: MembersMe | undefined,
  capability: Capability,
): MessageKey | null {
  if (me === undefined || !me.bound) return null;
  if (!me.logged_in) return "problem.signature_required";
  if (me.roster.state !== "verified") return "problem.no_roster";
  if (me.role === null) return "problem.not_a_member";
  if (me.device_key.state === "revoked") return "problem.key_revoked";
  if (me.device_key.state === "not_registered") return "problem.key_not_registered";
  const held = me.capabilities.some((grant) => grant.capability === capability && grant.in_force);
  return held ? null : "problem.not_entitled";
}

/** Who I am in the open workspace (undefined while it loads or when it cannot be read). */
export function useMembersMe(): MembersMe | undefined {
  return useCommand("members_me", {}).data;
}
