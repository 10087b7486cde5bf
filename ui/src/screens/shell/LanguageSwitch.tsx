import { useToast } from "../../components/Toast";
import { languages, useLanguage, useT } from "../../i18n";
import { useAppState } from "../../lib/appState";
import { describeError } from "../../lib/errors";

/** 한국어 | English, as a two-button segmented control; the choice is saved in the store. */
export function LanguageSwitch() {
  const t = useT();
  const toast = useToast();
  const { language } = useLanguage();
  const { changeLanguage } = useAppState();
  return (
    <div
      className="segmented"
      role="group"
      aria-label={t("language.label")}
      data-testid="language-switch"
    >
      {languages.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          className="segmented-item"
          aria-pressed={option === language}
          data-testid={`language-${option}`}
          onClick={() => {
            if (option !== language)
              changeLanguage(option).catch((failure: unknown) =>
                toast(describeError(t, failure), "error"),
              );
          }}
        >
          {t(`language.${option}`)}
        </button>
      ))}
    </div>
  );
}
