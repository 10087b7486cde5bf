// A SyncStatus for tests: not configured, nothing pending, unless `overrides` say otherwise.
import type { SyncStatus } from "../bindings/SyncStatus";

export function syncStatus(overrides: Partial<SyncStatus> = {}): SyncStatus {
  return {
    state: "not_configured",
    server: null,
    user: null,
    last_synced_at_ms: null,
    pending: 0,
    findings: 0,
    error_code: null,
    error_message: null,
    progress: null,
    retry_in_secs: null,
    workspace_id: null,
    ...overrides,
  };
}
