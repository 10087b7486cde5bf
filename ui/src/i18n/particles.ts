// Korean particles after a value substituted into a message: "{tag}을(를)" reads "PT1-SRV-0301을"
// and "{name}은(는)" reads "김민준은" / "서버는", never the "을(를)" fallback of a form letter.
//
// The choice follows the sound the value ends on, as a Korean reader says it:
// - a Hangul syllable: its final consonant (받침), from the syllable's code point;
// - a digit: how it is read (일 칠 팔 → ㄹ, 영 삼 육 십 백 천 만 → a final consonant; 이 사 오 구 → none);
// - a Latin letter: as the letter is said in Korean (엘 엠 엔 → a final; 알 for R → ㄹ; the
//   others 에이 비 씨 … → none);
// - anything else (a closing bracket, a symbol): the character before it decides.
// es-hangul's `josa` covers Hangul only and would write "PT1-SRV-0301를"; asset tags, rack names
// and labels end in digits and Latin letters, so the readings above are written here.

/** How a value ends: with no final consonant, with ㄹ, or with another final consonant. */
type Ending = "open" | "rieul" | "closed";

const digitEndings: Record<string, Ending> = {
  "0": "closed", // 영
  "1": "rieul", // 일
  "2": "open", // 이
  "3": "closed", // 삼
  "4": "open", // 사
  "5": "open", // 오
  "6": "closed", // 육
  "7": "rieul", // 칠
  "8": "rieul", // 팔
  "9": "open", // 구
};

const latinEndings: Record<string, Ending> = { l: "rieul", r: "rieul", m: "closed", n: "closed" };

const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;
const RIEUL_FINAL = 8;

function endingOf(value: string): Ending {
  const chars = [...value.trim()];
  for (let at = chars.length - 1; at >= 0; at -= 1) {
    const char = chars[at] ?? "";
    const code = char.codePointAt(0) ?? 0;
    if (code >= HANGUL_FIRST && code <= HANGUL_LAST) {
      const final = (code - HANGUL_FIRST) % 28;
      if (final === 0) return "open";
      return final === RIEUL_FINAL ? "rieul" : "closed";
    }
    if (char in digitEndings) return digitEndings[char] ?? "open";
    const lower = char.toLowerCase();
    if (lower >= "a" && lower <= "z") return latinEndings[lower] ?? "open";
  }
  return "open";
}

/** Each particle pair as messages write it: [after a final consonant, after none]. */
const pairs: Record<string, readonly [string, string]> = {
  "은(는)": ["은", "는"],
  "는(은)": ["은", "는"],
  "이(가)": ["이", "가"],
  "가(이)": ["이", "가"],
  "을(를)": ["을", "를"],
  "를(을)": ["을", "를"],
  "와(과)": ["과", "와"],
  "과(와)": ["과", "와"],
  "(으)로": ["으로", "로"],
  "이다(다)": ["이다", "다"],
};

/** The particle written after `value` for a pair such as "을(를)". */
export function particleAfter(value: string, pair: string): string {
  const forms = pairs[pair];
  if (forms === undefined) return pair;
  const ending = endingOf(value);
  // (으)로 takes 로 after ㄹ, as after a vowel.
  if (pair === "(으)로") return ending === "closed" ? forms[0] : forms[1];
  return ending === "open" ? forms[1] : forms[0];
}

/** A placeholder, what may close it (a quote or bracket), and a particle pair after it. */
export const placeholderWithParticle = new RegExp(
  String.raw`\{(\w+)\}(['"’”)\]]?)(` +
    Object.keys(pairs)
      .map((pair) => pair.replace(/[()]/g, (bracket) => `\\${bracket}`))
      .join("|") +
    ")?",
  "g",
);
