import { describe, expect, it } from "vitest";
import { en, ko, type MessageKey } from "./catalogue";
import { createTranslator } from "./translate";

describe("t()", () => {
  it("speaks Korean by default catalogue and English when asked", () => {
    expect(createTranslator("ko")("app.heading")).toBe("데이터센터 구축 관리");
    expect(createTranslator("en")("app.heading")).toBe("Datacenter build management");
  });

  it("falls back to Korean when the English catalogue lacks a key", () => {
    const t = createTranslator("en", { ko, en: { "app.name": "Cloudwright" } });
    expect(t("app.heading")).toBe("데이터센터 구축 관리");
  });

  it("shows the key itself when no catalogue has it", () => {
    const t = createTranslator("ko");
    expect(t("no.such.key" as MessageKey)).toBe("no.such.key");
  });

  it("substitutes parameters and leaves unknown placeholders visible", () => {
    expect(createTranslator("ko")("app.welcome", { name: "Cloudwright" })).toBe(
      "Cloudwright에 오신 것을 환영합니다",
    );
    expect(createTranslator("en")("app.welcome", { other: 1 })).toBe("Welcome to {name}");
    const t = createTranslator("ko", { ko: { ...ko, "app.welcome": "{n}대 중 {n}대" }, en: {} });
    expect(t("app.welcome", { n: 42 })).toBe("42대 중 42대");
  });
});

describe("catalogues", () => {
  it("translate every Korean key into English", () => {
    const missing = Object.keys(ko).filter((key) => en[key as MessageKey] === undefined);
    expect(missing).toEqual([]);
  });
});
