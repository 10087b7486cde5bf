export { I18nProvider, useLanguage, useT } from "./I18nProvider";
export { createTranslator, defaultLanguage, languages } from "./translate";
export type { Language, MessageParams, Translate } from "./translate";
export type { MessageKey } from "./catalogue";
