// The brief life of an asset row that was registered and nothing more, for row fixtures.
import type { LifeSummary } from "../bindings/LifeSummary";

export const noLife: LifeSummary = {
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
