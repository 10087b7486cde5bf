import { en, ko, type MessageKey } from "./catalogue";
import { particleAfter, placeholderWithParticle } from "./particles";

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
 * Placeholders without a matching parameter are left as written. A Korean particle pair
 * written after a placeholder ("{tag}을(를)") becomes the one the value takes (particles.ts).
 */
export function createTranslator(language: Language, from: Catalogues = catalogues): Translate {
  return (key, params) => {
    const template = from[language][key] ?? from.ko[key] ?? key;
    if (params === undefined) return template;
    return template.replace(
      placeholderWithParticle,
      (placeholder, name: string, closing: string, pair: string | undefined) => {
        const value = params[name];
        if (value === undefined) return placeholder;
        const text = String(value);
        return text + closing + (pair === undefined ? "" : particleAfter(text, pair));
      },
    );
  };
}
