import { useLanguage, useT } from "./i18n";

/** The first screen. The UI screens replace this; the e2e smoke test looks for `app-title`. */
export function App() {
  const t = useT();
  const { language, setLanguage } = useLanguage();
  return (
    <main className="app">
      <h1 data-testid="app-title">{t("app.name")}</h1>
      <h2 data-testid="app-heading">{t("app.heading")}</h2>
      <p>{t("app.tagline")}</p>
      <button
        type="button"
        data-testid="language-switch"
        aria-label={t("language.label")}
        onClick={() => setLanguage(language === "ko" ? "en" : "ko")}
      >
        {language === "ko" ? t("language.en") : t("language.ko")}
      </button>
    </main>
  );
}
