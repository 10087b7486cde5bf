import { describe, expect, it } from "vitest";
import type { AccessCode } from "../bindings/AccessCode";
import type { BackupCode } from "../bindings/BackupCode";
import type { CableProblem } from "../bindings/CableProblem";
import type { CableRowCode } from "../bindings/CableRowCode";
import type { CatalogueProblemCode } from "../bindings/CatalogueProblemCode";
import type { CsvFileError } from "../bindings/CsvFileError";
import type { LocationCode } from "../bindings/LocationCode";
import type { NameCode } from "../bindings/NameCode";
import type { PlaceFieldCode } from "../bindings/PlaceFieldCode";
import type { PlacementProblem } from "../bindings/PlacementProblem";
import type { TemplateError } from "../bindings/TemplateError";
import type { TextCode } from "../bindings/TextCode";
import {
  assetFields,
  assetStatuses,
  assetTypes,
  currencies,
  exhaustive,
  fieldErrorCodes,
  historyOps,
} from "../lib/dto";
import { lifeCodes } from "../screens/lifecycle/lifeText";
import { syncErrorCodes, syncStates } from "../lib/syncText";
import { mergeAreaMessages } from "./areaMessages";
import { areas, duplicateKeys, en, ko, type MessageKey } from "./catalogue";

// Every code any area's rules refuse with (`Problem.code`), each list checked against Rust's
// own vocabulary: a new code without words in both languages fails here.
const problemCodes: readonly string[] = [
  ...fieldErrorCodes,
  ...lifeCodes,
  ...exhaustive<PlaceFieldCode>()(["required", "out_of_range", "duplicate", "unknown_reference"]),
  ...exhaustive<LocationCode>()([
    "unknown_site",
    "unknown_room",
    "unknown_rack",
    "needs_site",
    "needs_room",
    "needs_rack",
    "unit_outside_rack",
    "placed_in_rack",
  ]),
  ...exhaustive<CatalogueProblemCode>()([
    "required",
    "not_a_number",
    "out_of_range",
    "unknown_value",
    "bad_port_range",
    "duplicate_model",
    "unreadable",
  ]),
  ...exhaustive<CableRowCode>()([
    "required",
    "unknown_device",
    "ambiguous_device",
    "unknown_port",
    "unknown_value",
    "not_a_number",
    "unknown_cable",
    "not_a_date",
    "decommissioned",
  ]),
  ...exhaustive<PlacementProblem["code"]>()([
    "unknown_device_type",
    "past_top",
    "half_unit_start",
    "occupied",
    "reserved",
    "asset_placed_elsewhere",
    "asset_out_of_service",
    "no_such_placement",
  ]),
  ...exhaustive<CableProblem["code"]>()([
    "no_such_port",
    "same_ends",
    "port_taken",
    "kind_does_not_fit",
    "label_taken",
  ]),
  ...exhaustive<CsvFileError["code"]>()([
    "empty",
    "too_large",
    "missing_columns",
    "duplicate_column",
    "unknown_columns",
    "malformed",
  ]),
  ...exhaustive<TextCode>()(["control_character", "cell_too_long"]),
  ...exhaustive<TemplateError["code"]>()(["unknown_field", "unclosed", "no_field"]),
  ...exhaustive<AccessCode>()(["read_only", "audits_only", "not_a_member", "needs_member_admin"]),
  ...exhaustive<NameCode>()([
    "name_required",
    "name_too_long",
    "name_has_slash",
    "name_spaces_at_ends",
    "name_control_character",
    "name_bidi_control",
    "name_invisible_character",
    "name_looks_like_id",
  ]),
  ...exhaustive<BackupCode>()([
    "folder_not_empty",
    "not_an_export",
    "export_too_new",
    "workspace_already_here",
    "file_missing",
    "file_wrong_size",
    "file_wrong_hash",
    "file_unreadable",
  ]),
];

const koKeys = Object.keys(ko).sort();
const enKeys = Object.keys(en).sort();

function label(catalogue: Partial<Record<MessageKey, string>>, key: string): string | undefined {
  return catalogue[key as MessageKey];
}

// Every area's messages.ts under screens/, keyed by its folder name.
const messageFiles = Object.fromEntries(
  Object.entries(
    import.meta.glob<{ ko: object; en: object }>("../screens/*/messages.ts", { eager: true }),
  ).map(([path, module]) => [path.split("/")[2] ?? path, module]),
);

// The folders under screens/ that hold any source at all.
const screenFolders = [
  ...new Set(
    Object.keys(import.meta.glob("../screens/*/*.{ts,tsx}")).map((path) => path.split("/")[2]),
  ),
].sort();

// The UI's own source (not tests, which may ask for a missing key on purpose), as text.
const sources = import.meta.glob<string>(
  ["../**/*.{ts,tsx}", "!../**/*.test.{ts,tsx}", "!../bindings/**"],
  { query: "?raw", import: "default", eager: true },
);

describe("area message files", () => {
  it("exist for every area under screens/ and are all merged", () => {
    expect(Object.keys(messageFiles).sort()).toEqual(screenFolders);
    const merged = areas.filter(({ area }) => area !== "common").map(({ area }) => area);
    expect([...merged].sort()).toEqual(screenFolders);
    for (const { area, ko: korean, en: english } of areas) {
      if (area === "common") continue;
      expect(messageFiles[area]?.ko, area).toBe(korean);
      expect(messageFiles[area]?.en, area).toBe(english);
    }
  });

  it("have the same keys in Korean and English in every area", () => {
    const gaps = areas.flatMap(({ area, ko: korean, en: english }) => [
      ...Object.keys(korean)
        .filter((key) => !(key in english))
        .map((key) => `${area}: no English for ${key}`),
      ...Object.keys(english)
        .filter((key) => !(key in korean))
        .map((key) => `${area}: no Korean for ${key}`),
    ]);
    expect(gaps).toEqual([]);
  });

  it("define each key in one area only", () => {
    expect(duplicateKeys).toEqual([]);
  });

  it("know every key the code asks for with a literal t('key')", () => {
    const asked = Object.entries(sources).flatMap(([path, text]) =>
      [...text.matchAll(/\bt\(\s*(?:"([^"\n]*)"|'([^'\n]*)'|`([^`$\n]*)`)/g)].map((match) => ({
        path,
        key: match[1] ?? match[2] ?? match[3] ?? "",
      })),
    );
    // Guards the pattern itself: the screens ask for hundreds of literal keys.
    expect(asked.length).toBeGreaterThan(500);
    const unknown = asked
      .filter(({ key }) => !(key in ko))
      .map(({ path, key }) => `${path}: ${key}`);
    expect(unknown).toEqual([]);
  });
});

describe("merging area messages", () => {
  it("reports a key that two areas define and keeps the first area's text", () => {
    const merged = mergeAreaMessages([
      { area: "first", ko: { "x.shared": "첫째", "x.own": "하나" }, en: { "x.shared": "first" } },
      { area: "second", ko: { "x.shared": "둘째" }, en: { "x.shared": "second" } },
      { area: "third", ko: { "y.only": "셋" }, en: {} },
      // Only English defines the key here, which the types forbid but JavaScript allows.
      { area: "fourth", ko: {}, en: { "y.only": "stray" } },
    ]);
    expect(merged.duplicates).toEqual([
      { key: "x.shared", areas: ["first", "second"] },
      { key: "y.only", areas: ["third", "fourth"] },
    ]);
    expect(merged.ko).toEqual({ "x.shared": "첫째", "x.own": "하나", "y.only": "셋" });
    expect(merged.en).toEqual({ "x.shared": "first", "y.only": "stray" });
  });

  it("reports nothing when every key has one area", () => {
    const merged = mergeAreaMessages([
      { area: "first", ko: { "a.one": "하나" }, en: { "a.one": "one" } },
      { area: "second", ko: { "b.two": "둘" }, en: {} },
    ]);
    expect(merged.duplicates).toEqual([]);
    expect(merged.ko).toEqual({ "a.one": "하나", "b.two": "둘" });
    expect(merged.en).toEqual({ "a.one": "one" });
  });
});

describe("message catalogues", () => {
  it("have the same keys in Korean and English", () => {
    expect(koKeys.filter((key) => !enKeys.includes(key))).toEqual([]);
    expect(enKeys.filter((key) => !koKeys.includes(key))).toEqual([]);
  });

  it("have no empty messages", () => {
    expect(Object.entries(ko).filter(([, text]) => text.trim() === "")).toEqual([]);
    expect(Object.entries(en).filter(([, text]) => (text ?? "").trim() === "")).toEqual([]);
  });

  it("use the same placeholders in both languages", () => {
    const placeholders = (text: string) =>
      [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    const mismatched = koKeys.filter(
      (key) =>
        JSON.stringify(placeholders(label(ko, key) ?? "")) !==
        JSON.stringify(placeholders(label(en, key) ?? "")),
    );
    expect(mismatched).toEqual([]);
  });

  const vocabularies: [string, readonly string[]][] = [
    ["field", assetFields],
    ["problem", problemCodes],
    ["assetType", assetTypes],
    ["status", assetStatuses],
    ["currency", currencies],
    ["op", historyOps],
    ["sync.state", syncStates],
    ["sync.reason", syncErrorCodes],
    ["sync.explain", syncErrorCodes],
  ];
  for (const [prefix, codes] of vocabularies) {
    it(`label every ${prefix} code in both languages`, () => {
      const missing = codes.flatMap((code) =>
        [
          ["ko", label(ko, `${prefix}.${code}`)],
          ["en", label(en, `${prefix}.${code}`)],
        ]
          .filter(([, text]) => text === undefined)
          .map(([language]) => `${language}:${prefix}.${code}`),
      );
      expect(missing).toEqual([]);
    });
  }

  it("uses the Korean labels the team agreed on", () => {
    expect(assetFields.map((field) => ko[`field.${field}`])).toEqual([
      "자산 태그",
      "유형",
      "제조사",
      "모델",
      "시리얼 번호",
      "구매일",
      "비용",
      "통화",
      "보증 만료일",
      "상태",
      "사이트",
      "전산실",
      "열",
      "랙",
      "유닛(U)",
      "담당",
      "메모",
      "태그",
    ]);
    expect(assetTypes.map((code) => ko[`assetType.${code}`])).toEqual([
      "서버",
      "스토리지",
      "스위치",
      "라우터",
      "방화벽",
      "분전반(PDU)",
      "패치 패널",
      "기타",
    ]);
    expect(assetStatuses.map((code) => ko[`status.${code}`])).toEqual([
      "재고",
      "사용 중",
      "유지보수",
      "폐기 예정",
      "폐기 완료",
      "분실",
    ]);
  });
});
