// Korean is the first language of Cloudwright: every message key is defined here first, and
// this catalogue is what any other language falls back to.
export const ko = {
  "app.name": "Cloudwright",
  "app.heading": "데이터센터 구축 관리",
  "app.tagline": "설계부터 구매, 자산, 랙과 케이블, 컴퓨트 풀까지 한곳에서 관리합니다.",
  "app.welcome": "{name}에 오신 것을 환영합니다",
  "language.label": "언어",
  "language.ko": "한국어",
  "language.en": "English",
} as const;

/** Every message key the UI may ask for. Korean defines the set. */
export type MessageKey = keyof typeof ko;
