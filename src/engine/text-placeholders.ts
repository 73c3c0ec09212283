/** The {placeholders} `fill` replaces, in the order they appear. */
const PLACEHOLDER = /\{(\w+)\}/g;

/** Placeholders every text may use: the app fills them in at start (see withCompanyName in texts.ts). */
export const ALWAYS_ALLOWED = ['company'];

/** Values the code fills in for a text beyond those its shipped wording happens to use. */
const ALSO_FILLED: Readonly<Record<string, readonly string[]>> = {
  'handoff.back_today': ['day', 'time'],
  'handoff.back_on': ['day', 'time'],
  'handoff.back_next_week': ['day', 'time'],
  'survey.alert_bot_only': ['team'],
};

/**
 * Every {placeholder} in `custom` that the shipped messages.yml does not use for the same key, as "key: problem"
 * lines. The code fills in only what the shipped wording needs, so anything else (a typo such as {agnt}) would
 * reach customers as it is written.
 */
export function unknownPlaceholders(custom: unknown, shipped: unknown, path: readonly string[] = []): string[] {
  if (isRecord(custom) && isRecord(shipped)) {
    return Object.entries(custom).flatMap(([key, value]) => (key in shipped ? unknownPlaceholders(value, shipped[key], [...path, key]) : []));
  }
  if (isRecord(custom) || isRecord(shipped)) return []; // a section where text belongs, or the reverse: the schema says so
  const used = placeholdersIn(custom);
  if (!used.length) return [];
  const allowed = [...new Set([...placeholdersIn(shipped), ...(ALSO_FILLED[path.join('.')] ?? [])])];
  const unknown = used.filter((p) => !allowed.includes(p) && !ALWAYS_ALLOWED.includes(p));
  if (!unknown.length) return [];
  const braced = (names: string[]) => names.map((p) => `{${p}}`).join(', ');
  return [`${path.join('.')}: unknown placeholder ${braced(unknown)}; ${allowed.length ? `this text may use ${braced(allowed)}` : 'this text takes no placeholders'}`];
}

/** The distinct placeholder names in a text or a list of texts. */
function placeholdersIn(value: unknown): string[] {
  const texts = Array.isArray(value) ? value : [value];
  const names = texts.flatMap((t) => (typeof t === 'string' ? [...t.matchAll(PLACEHOLDER)].map((m) => m[1]!) : []));
  return [...new Set(names)];
}

/** A YAML mapping (not a list, not text). */
export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
