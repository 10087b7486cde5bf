// Who I am and the roster as the Rust side sends them (`members_me`, `members_roster`), for
// screen tests.
import type { EditAccess } from "../bindings/EditAccess";
import type { MemberView } from "../bindings/MemberView";
import type { MembersMe } from "../bindings/MembersMe";
import type { RosterView } from "../bindings/RosterView";

export const day = 86_400_000;
export const issuedAt = Date.UTC(2026, 11, 7, 5, 30);

/** Park, a workspace admin logged in on this device, with a verified roster (version 7). */
export function me(overrides: Partial<MembersMe> = {}): MembersMe {
  return {
    bound: true,
    logged_in: true,
    server: "http://team:8080",
    user_id: "U-PARK",
    name: "박서준",
    role: "admin",
    capabilities: [],
    device_key: { state: "registered", id: "aaaa000011112222" },
    roster: { state: "verified", version: 7, issued_at_ms: issuedAt },
    access: "everything",
    administers: true,
    ...overrides,
  };
}

/** Someone of `role` whose app may change what `access` says. */
export function meAs(role: string, access: EditAccess): MembersMe {
  return me({ user_id: "U-LEE", name: "이서연", role, access, administers: false });
}

export const park: MemberView = {
  user_id: "U-PARK",
  name: "박서준",
  role: "admin",
  grants: [],
  keys: [
    {
      id: "aaaa000011112222",
      device_name: "park-desktop",
      added_at_ms: issuedAt - 30 * day,
      revoked_at_ms: null,
      this_device: true,
    },
  ],
  me: true,
};

export const kim: MemberView = {
  user_id: "U-KIM",
  name: "김민준",
  role: "editor",
  grants: [
    {
      capability: "approve_purchases",
      from_ms: issuedAt - 2 * day,
      until_ms: null,
      in_force: true,
      max_amount_krw: 5_000_000,
      categories: ["서버", "네트워크"],
    },
    {
      capability: "approve_disposals",
      from_ms: issuedAt - 40 * day,
      until_ms: issuedAt - 10 * day,
      in_force: false,
      max_amount_krw: null,
      categories: [],
    },
  ],
  keys: [
    {
      id: "bbbb000011112222",
      device_name: "kim-laptop",
      added_at_ms: issuedAt - 20 * day,
      revoked_at_ms: null,
      this_device: false,
    },
    {
      id: "cccc000011112222",
      device_name: "kim-old-laptop",
      added_at_ms: issuedAt - 90 * day,
      revoked_at_ms: issuedAt - 25 * day,
      this_device: false,
    },
  ],
  me: false,
};

export const lee: MemberView = {
  user_id: "U-LEE",
  name: "이서연",
  role: "viewer",
  grants: [],
  keys: [],
  me: false,
};

export function roster(members: MemberView[] = [park, kim, lee]): RosterView {
  return { status: { state: "verified", version: 7, issued_at_ms: issuedAt }, members };
}
