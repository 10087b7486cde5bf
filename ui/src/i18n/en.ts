import type { MessageKey } from "./ko";

// English is the second language. A key missing here falls back to Korean at run time, so a
// new screen can ship before its translation; the catalogue test lists any such gaps.
export const en: Partial<Record<MessageKey, string>> = {
  "app.name": "Cloudwright",
  "app.heading": "Datacenter build management",
  "app.tagline":
    "Design, purchasing, assets, racks and cables, and the compute pool in one place.",
  "app.welcome": "Welcome to {name}",
  "language.label": "Language",
  "language.ko": "한국어",
  "language.en": "English",
};
