import { describe, expect, it } from "vitest";
import { en, ko, type MessageKey } from "./catalogue";
import { createTranslator, type MessageParams } from "./translate";

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

describe("Korean particles after a value", () => {
  const t = (template: string, params: MessageParams) =>
    createTranslator("ko", { ko: { ...ko, "app.welcome": template }, en: {} })(
      "app.welcome",
      params,
    );

  it("take the form the value's last sound calls for", () => {
    expect(t("{x}을(를) 추가했습니다.", { x: "서버" })).toBe("서버를 추가했습니다.");
    expect(t("{x}을(를) 추가했습니다.", { x: "랙" })).toBe("랙을 추가했습니다.");
    expect(t("{x}은(는) 이미 있습니다", { x: "김민준" })).toBe("김민준은 이미 있습니다");
    expect(t("{x}이(가) 씁니다", { x: "케이블" })).toBe("케이블이 씁니다");
    expect(t("{x}이(가) 씁니다", { x: "스위치" })).toBe("스위치가 씁니다");
    expect(t("{a}와(과) {b}", { a: "서버", b: "랙" })).toBe("서버와 랙");
    expect(t("{a}와(과) {b}", { a: "랙", b: "서버" })).toBe("랙과 서버");
    expect(t("{x}(으)로 옮겼습니다", { x: "전산실" })).toBe("전산실로 옮겼습니다");
    expect(t("{x}(으)로 옮겼습니다", { x: "랙" })).toBe("랙으로 옮겼습니다");
    expect(t("{x}(으)로 옮겼습니다", { x: "서버" })).toBe("서버로 옮겼습니다");
  });

  it("read digits and Latin letters as a Korean reader says them", () => {
    // 일, 이, 삼, 육, 칠, 영
    expect(t("{x}을(를)", { x: "PT1-SRV-0301" })).toBe("PT1-SRV-0301을");
    expect(t("{x}을(를)", { x: "A-R02" })).toBe("A-R02를");
    expect(t("{x}을(를)", { x: "U3" })).toBe("U3을");
    expect(t("{x}이(가)", { x: "eno6" })).toBe("eno6이");
    expect(t("{x}(으)로", { x: "U7" })).toBe("U7로");
    expect(t("{x}(으)로", { x: "U10" })).toBe("U10으로");
    // 엘 엠 엔 알 end in a consonant; 에이, 비, 씨 … do not.
    expect(t("{x}은(는)", { x: "PDU-L" })).toBe("PDU-L은");
    expect(t("{x}은(는)", { x: "Palo Alto Networks" })).toBe("Palo Alto Networks는");
    expect(t("{x}은(는)", { x: "Cisco" })).toBe("Cisco는");
    expect(t("{x}은(는)", { x: "Arista 7050X" })).toBe("Arista 7050X는");
    expect(t("{x}(으)로", { x: "Dell R" })).toBe("Dell R로");
  });

  it("see through a closing quote or bracket and keep other text as written", () => {
    expect(t("작업공간 '{x}'은(는) 그대로", { x: "평택 1센터" })).toBe(
      "작업공간 '평택 1센터'는 그대로",
    );
    expect(t("({x})을(를)", { x: "랙" })).toBe("(랙)을");
    expect(t("{x}을(를) {y}", { x: "랙" })).toBe("랙을 {y}");
  });
});

describe("Korean messages", () => {
  it("write a particle pair only right after a value, where it can be chosen", () => {
    const stray = Object.entries(ko).filter(([, text]) =>
      /(?<!\}['"’”)\]]?)(은\(는\)|이\(가\)|을\(를\)|와\(과\)|과\(와\)|\(으\)로)/u.test(text),
    );
    expect(stray).toEqual([]);
  });
});
