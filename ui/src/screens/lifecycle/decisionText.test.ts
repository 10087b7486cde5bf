import { describe, expect, it } from "vitest";
import { en, ko } from "../../i18n/catalogue";
import { decisionActions, verdictsWithWords } from "./decisionText";

describe("decision words", () => {
  it("has words in Korean and English for every action and every verdict but valid and local", () => {
    const keys = [
      ...decisionActions.map((action) => `decisionAction.${action}`),
      ...verdictsWithWords.map((verdict) => `decisionVerdict.${verdict}`),
    ];
    const missing = keys.filter(
      (key) => !(key in ko) || !(key in en) || (ko as Record<string, string>)[key] === "",
    );
    expect(missing).toEqual([]);
    expect(verdictsWithWords).not.toContain("valid");
    expect(verdictsWithWords).not.toContain("unsigned_local");
  });
});
