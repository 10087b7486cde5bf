import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import {
  createTranslator,
  defaultLanguage,
  languages,
  type Language,
  type Translate,
} from "./translate";

const storageKey = "cloudwright.language";

interface I18nValue {
  language: Language;
  setLanguage: (language: Language) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

function storedLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(storageKey);
  return languages.find((language) => language === stored) ?? defaultLanguage;
}

/** Holds the chosen language (Korean unless the user picked another) for the whole UI. */
export function I18nProvider(props: { children: ReactNode; initialLanguage?: Language }) {
  const [language, setLanguage] = useState<Language>(
    () => props.initialLanguage ?? storedLanguage(),
  );
  useEffect(() => {
    document.documentElement.lang = language;
    globalThis.localStorage?.setItem(storageKey, language);
  }, [language]);
  const value = useMemo(
    () => ({ language, setLanguage, t: createTranslator(language) }),
    [language],
  );
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (value === null) throw new Error("useT() and useLanguage() need an <I18nProvider> above them");
  return value;
}

/** The `t(key, params)` function for the current language. */
export function useT(): Translate {
  return useI18n().t;
}

/** The current language and a way to switch it. */
export function useLanguage(): Pick<I18nValue, "language" | "setLanguage"> {
  const { language, setLanguage } = useI18n();
  return { language, setLanguage };
}
