import { describe, expect, it } from "vitest";
import {
  assetFields,
  assetStatuses,
  assetTypes,
  currencies,
  fieldErrorCodes,
  historyOps,
} from "../lib/dto";
import { syncErrorCodes, syncStates } from "../lib/syncText";
import { en } from "./en";
import { ko, type MessageKey } from "./ko";

const koKeys = Object.keys(ko).sort();
const enKeys = Object.keys(en).sort();

function label(catalogue: Partial<Record<MessageKey, string>>, key: string): string | undefined {
  return catalogue[key as MessageKey];
}

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
    ["fieldError", fieldErrorCodes],
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
