// What a receipt holds while serials are being scanned, without I/O: each order line with what
// was ordered, what earlier receipts accepted, the serials scanned now and the counts typed.
// A scan goes into one line; it is refused on the spot when the serial was scanned already
// (in any line of this receipt: compared as Rust compares serials, trimmed and lower-cased)
// or the line has every unit it was ordered. The register's own refusals (a serial already
// there, received on another order) come from Rust when the receipt is written.
import type { Order } from "../../../bindings/Order";
import type { PurchaseRequest } from "../../../bindings/PurchaseRequest";
import type { ReceiptInput } from "../../../bindings/ReceiptInput";

export interface ReceivingLine {
  key: string;
  description: string;
  /** Hardware: every accepted unit is scanned and becomes an asset. */
  serialised: boolean;
  ordered: number;
  /** Accepted by earlier receipts of this order. */
  before: number;
  serials: string[];
  /** Typed: accepted units of a line received by count (not serialised). */
  counted: string;
  /** Typed: units rejected at receipt. */
  rejected: string;
}

export type ScanResult =
  | { result: "added"; line: string; serial: string; count: number; ordered: number }
  | { result: "duplicate"; serial: string }
  | { result: "full"; line: string; ordered: number }
  | { result: "not_serialised"; line: string }
  | { result: "empty" };

/** The order's lines in the request's order, with what earlier receipts accepted. */
export function receivingLines(request: PurchaseRequest, orderKey: string): ReceivingLine[] {
  const order: Order | undefined = request.orders[orderKey];
  if (order === undefined) return [];
  const before = new Map<string, number>();
  for (const receipt of Object.values(request.receipts)) {
    if (receipt.order !== orderKey) continue;
    for (const [key, line] of Object.entries(receipt.lines)) {
      before.set(key, (before.get(key) ?? 0) + line.accepted);
    }
  }
  return Object.entries(order.lines)
    .map(([key, line]) => ({ key, line, asked: request.lines[key] }))
    .sort((a, b) => (a.asked?.position ?? 0) - (b.asked?.position ?? 0))
    .map(({ key, line, asked }) => ({
      key,
      description: asked?.description ?? key,
      serialised: (asked?.kind ?? "hardware") === "hardware",
      ordered: line.quantity,
      before: before.get(key) ?? 0,
      serials: [],
      counted: "",
      rejected: "",
    }));
}

/** Units accepted on the line in this receipt. */
export function acceptedOf(line: ReceivingLine): number {
  if (line.serialised) return line.serials.length;
  const counted = Number(line.counted.trim());
  return Number.isInteger(counted) && counted > 0 ? counted : 0;
}

export function rejectedOf(line: ReceivingLine): number {
  const rejected = Number(line.rejected.trim());
  return Number.isInteger(rejected) && rejected > 0 ? rejected : 0;
}

/** Units the line may still accept. */
export function remainingOf(line: ReceivingLine): number {
  return Math.max(0, line.ordered - line.before - acceptedOf(line));
}

const normal = (serial: string) => serial.trim().toLowerCase();

/** Adds `code` to the line `key`, or says why not (the lines unchanged then). */
export function scan(
  lines: ReceivingLine[],
  key: string,
  code: string,
): { lines: ReceivingLine[]; answer: ScanResult } {
  const serial = code.trim();
  if (serial === "") return { lines, answer: { result: "empty" } };
  const line = lines.find((candidate) => candidate.key === key);
  if (line === undefined) return { lines, answer: { result: "empty" } };
  if (lines.some((other) => other.serials.some((taken) => normal(taken) === normal(serial)))) {
    return { lines, answer: { result: "duplicate", serial } };
  }
  if (!line.serialised) {
    return { lines, answer: { result: "not_serialised", line: line.description } };
  }
  if (remainingOf(line) === 0) {
    return { lines, answer: { result: "full", line: line.description, ordered: line.ordered } };
  }
  const next = lines.map((candidate) =>
    candidate.key === key ? { ...candidate, serials: [...candidate.serials, serial] } : candidate,
  );
  return {
    lines: next,
    answer: {
      result: "added",
      line: line.description,
      serial,
      count: line.before + line.serials.length + 1,
      ordered: line.ordered,
    },
  };
}

/** The line scans go into next: `current` while it has room, else the first serialised line
 * with room, else `current`. */
export function scanTarget(lines: ReceivingLine[], current: string): string {
  const line = lines.find((candidate) => candidate.key === current);
  if (line !== undefined && line.serialised && remainingOf(line) > 0) return current;
  return (
    lines.find((candidate) => candidate.serialised && remainingOf(candidate) > 0)?.key ?? current
  );
}

/** The receipt as Rust takes it: the lines that received anything. */
export function receiptInput(
  lines: ReceivingLine[],
  receivedOn: string,
  note: string,
): ReceiptInput {
  return {
    received_on: receivedOn,
    note,
    lines: lines
      .filter(
        (line) => acceptedOf(line) > 0 || line.rejected.trim() !== "" || line.counted.trim() !== "",
      )
      .map((line) => ({
        line: line.key,
        accepted: line.serialised ? null : acceptedOf(line),
        rejected: rejectedOf(line),
        serials: line.serialised ? line.serials : [],
      })),
  };
}
