// Cable rows and ends as the Rust side sends them, for screen tests.
import type { CableRow } from "../bindings/CableRow";
import type { EndView } from "../bindings/EndView";

export function endView(
  device: string,
  port: string,
  unit: number,
  role: EndView["end"]["role"] = "interface",
): EndView {
  return {
    end: { rack: "RACK2", placement: `${device}-id`, role, port },
    room: "전산실 A",
    rack: "A-R02",
    unit,
    device,
    port_kind: role === "front" ? "8p8c" : "1000base-t",
  };
}

export function cableRow(n: number, overrides: Partial<CableRow> = {}): CableRow {
  return {
    id: `CABLE${n}`,
    number: n,
    label: `A-R02-U42-${n}/A-R02-U40-Gi1/0/${n}`,
    label_b: `A-R02-U40-Gi1/0/${n}/A-R02-U42-${n}`,
    label_by_hand: false,
    a: endView("pp-1", String(n), 42, "front"),
    b: endView("sw-1", `Gi1/0/${n}`, 40),
    kind: "cat6a",
    colour: "파랑",
    length: 2,
    length_unit: "m",
    status: "planned",
    printed_at_ms: null,
    needs_reprint: false,
    route_notes: "",
    tests: [],
    ...overrides,
  };
}
