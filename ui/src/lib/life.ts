import type { LifeSummary } from "../bindings/LifeSummary";

/** The life of an asset nothing has happened to yet (no assignment, maintenance or disposal). */
export const emptyLife: LifeSummary = {
  assignments: [],
  maintenance_count: 0,
  maintenance_costs: [],
  last_maintenance: null,
  plans_done: [],
  disposal: null,
  disposed_on: null,
  disposal_batch: "",
  holds_data: true,
};
