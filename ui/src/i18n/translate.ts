import { en, ko, type MessageKey } from "./catalogue";

export type Language = "ko" | "en";
export const languages: readonly Language[] = ["ko", "en"];
export const defaultLanguage: Language = "ko";

/** Values substituted for `{name}` placeholders in a message. */
export type MessageParams = Readonly<Record<string, string | number>>;

export type Catalogue = Partial<Record<MessageKey, string>>;
export type Catalogues = { ko: Readonly<Record<MessageKey, string>> } & Record<Language, Catalogue>;

export const catalogues: Catalogues = { ko, en };

export type Translate = (key: MessageKey, params?: MessageParams) => string;

/**
 * Builds `t(key, params)` for one language. A key missing from that language falls back to
 * Korean; a key missing everywhere shows the key itself so the gap is visible on screen.
 * Placeholders without a matching parameter are left as written.
 */
export function createTranslator(language: Language, from: Catalogues = catalogues): Translate {
  return (key, params) => {
    const template = from[language][key] ?? from.ko[key] ?? key;
    if (params === undefined) return template;
    return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
      const value = params[name];
      return value === undefined ? placeholder : String(value);
    });
  };
}
