// The shape of one area's messages and the merge of all areas into one catalogue per language.
// Each area keeps its messages beside its screens (screens/<area>/messages.ts); catalogue.ts
// lists the areas and merges them once when the UI starts.

/**
 * An area's English messages: only keys the area's Korean defines (a typo or a stale key is a
 * type error), each optional because a missing one falls back to Korean at run time. The
 * catalogue test still requires every key to be translated.
 */
export type Translation<Korean> = { readonly [Key in keyof Korean]?: string };

/** One area's messages in both languages, named so that problems can say where they are. */
export interface AreaMessages {
  readonly area: string;
  readonly ko: Readonly<Record<string, string>>;
  readonly en: Readonly<Partial<Record<string, string>>>;
}

/** A key that more than one area defines, with the areas in the order they were merged. */
export interface DuplicateKey {
  readonly key: string;
  readonly areas: readonly string[];
}

export interface MergedMessages {
  readonly ko: Readonly<Record<string, string>>;
  readonly en: Readonly<Partial<Record<string, string>>>;
  /** Empty when every key belongs to exactly one area; the catalogue test requires that. */
  readonly duplicates: readonly DuplicateKey[];
}

/**
 * Merges the areas into one catalogue per language. A key defined by two areas is never
 * silently overwritten: the first area's text is kept and the key is reported in `duplicates`.
 */
export function mergeAreaMessages(areas: readonly AreaMessages[]): MergedMessages {
  const ko: Record<string, string> = {};
  const en: Record<string, string> = {};
  const owners = new Map<string, string[]>();
  for (const { area, ko: korean, en: english } of areas) {
    // A key counts once per area even when both languages define it.
    const keys = new Set([...Object.keys(korean), ...Object.keys(english)]);
    for (const key of keys) {
      const owning = owners.get(key);
      if (owning === undefined) owners.set(key, [area]);
      else owning.push(area);
    }
    for (const [key, text] of Object.entries(korean)) {
      if (!Object.hasOwn(ko, key)) ko[key] = text;
    }
    for (const [key, text] of Object.entries(english)) {
      if (text !== undefined && !Object.hasOwn(en, key)) en[key] = text;
    }
  }
  const duplicates = [...owners]
    .filter(([, owning]) => owning.length > 1)
    .map(([key, owning]) => ({ key, areas: owning }));
  return { ko, en, duplicates };
}
