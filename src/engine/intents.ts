/**
 * What a customer's words say about the conversation, beyond the question itself. English, rule-based and
 * deliberately conservative: a false "asked for a person" costs an agent's time, a missed one costs trust.
 */

const PERSON = '(?:a |an |some |the |one of your |real |actual |live )*(?:human|person|agent|someone|somebody|representative|rep|operator|staff|people|support team|support person|engineer|manager)';

const ASKS_FOR_PERSON = [
  new RegExp(`\\b(?:talk|speak|chat|get through)\\s+(?:to|with)\\s+${PERSON}\\b`, 'i'),
  new RegExp(`\\b(?:want|need|get|give me|connect me (?:to|with)|put me through to|transfer me to|escalate (?:this |it )?to)\\s+${PERSON}\\b`, 'i'),
  new RegExp(`^\\W*(?:${PERSON})\\W*(?:please|pls|now)?\\W*$`, 'i'),
  /\b(?:is there|are there|can i reach) (?:a |any )?(?:real |actual )?(?:human|person|people)\b/i,
  /\bnot (?:talk(?:ing)? to )?a bot\b/i,
  /\bescalate\b/i,
  // mid-conversation, "can someone help me with this?" asks for a person (as a first message it only opens: see
  // asksNothingYet); "can someone help me reset my password" is a question
  /^\W*(?:(?:so|ok|okay|please|hmm+)\W+)?(?:can|could|would) (?:someone|somebody|anyone|anybody|a (?:real )?(?:person|human)|one of you) (?:please )?(?:help|assist|look at this)(?: me| us)?(?: (?:with|on) (?:this|that|it))?(?: please)?\W*$/i,
  /\b(?:can|could|would) (?:someone|somebody|anyone|anybody|a (?:real )?(?:person|human)|one of you) (?:please )?(?:call|phone|email|contact) (?:me|us)\b/i,
];

const FRUSTRATION = [
  /\b(?:useless|ridiculous|terrible|awful|pathetic|worst|stupid|garbage|rubbish|waste of (?:my )?time|fed up|sick of|so annoying|furious|unacceptable)\b/i,
  /\b(?:wtf|ffs|omfg)\b/i,
  /\b(?:fuck\w*|shit\w*|damn|crap)\b/i,
  /!{3,}/,
  /\b(?:this|that|you)(?:'re| are| is)? (?:not|n't) (?:helping|helpful)\b/i,
  /\bnot helpful\b/i,
];

/** Who or what a complaint is about: "that", "it", "the steps", "I". */
const SUBJECT = "(?:(?:that|this|the|your|those|these) (?:answer|article|link|page|steps?|instructions?|guide|reset(?: link)?|email|fix|solution|suggestion)s?(?: (?:you|u) (?:sent|gave|gave me|linked|suggested|shared|showed))?|that|this|it|which|those|these|i'?m|i am|i|we)(?:'?s| is| was| are| were)?";
/** "didn't", "does not", "won't", "can't". */
const AUX_NOT = "(?:(?:did|does|do|has|have|is|was|would|could)(?:n'?t| not)|won'?t|will not|can'?t|cannot|can not)";

/** Ways of saying the answer did not help, each read from where the message (or the last one) left off. */
const REJECTION = [
  // "didn't help", "doesn't seem to work", "hasn't fixed anything", "won't work", "does not answer my question"
  new RegExp(`^(?:still )?${AUX_NOT}(?: (?:really|actually|even|quite|seem to|seems to|appear to))* (?:help|work|fix|solve|answer)(?:s|ed|ing)?(?: (?:me|it|anything|a thing|that|my (?:problem|issue|question)|the (?:problem|issue|trick))| for me| with (?:my|the|this) (?:problem|issue|question))*\\b`),
  // "still not working", "still nothing", "still can't log in", "still broken", "still having the same problem"
  new RegExp(`^still (?:not(?: (?:working|fixed|resolved|solved|sorted|right))?|nothing|no(?: (?:luck|joy|change|difference|dice|good))?|broken|failing|stuck|(?:the )?same(?: (?:problem|issue|error|thing))?|(?:having|getting) (?:the same |this |that |an? )?(?:problem|issue|trouble|error)s?|${AUX_NOT})\\b`),
  /^not (?:what i (?:asked|meant|need(?:ed)?|wanted|was (?:looking for|asking(?: about| for)?))|really|it|quite|working|relevant|right|the (?:right )?(?:answer|article|problem|issue|one))\b/,
  /^(?:none|neither) of (?:these|those|them|the above|it|the two|both)(?: (?:help(?:ed|s)?|work(?:ed|s)?|fit|apply))?\b/,
  // a bare "none" / "neither" to the choices ("none of my shifts…" is a question)
  /^(?:none|neither)(?= *(?:$|[,.!?;:]))/,
  /^(?:the )?(?:wrong|irrelevant|unrelated) (?:answer|article|link|one|thing)\b/,
  /^(?:nothing|no) (?:changed|happened|works|worked|helped|luck|joy|change|difference|dice|good)\b/,
  /^(?:the )?same (?:problem|issue|error|thing|result)\b/,
  // "no it doesn't": the answer to "Did this solve it?"
  new RegExp(`^${AUX_NOT}$`),
];

/** What may come before a complaint without being a question of its own: "no,", "sorry but", "I tried that already and it". */
const PREAMBLE = [
  /^(?:no|nope|nah|hmm+|um+|uh+|ok(?:ay)?|well|so|but|and|sadly|unfortunately|sorry|thanks|thank you|yeah|yes|ah|oh|actually|however|i'?m afraid|i am afraid)\b/,
  /^(?:i(?:'ve| have)? (?:already )?(?:did|done|tried|followed|read|checked)|(?:already )?tried|done|did) (?:that|this|it|those(?: steps)?|these(?: steps)?|the steps|the instructions|everything|all (?:of )?(?:that|this|them)|the article|the link|what it says)(?: already| twice| again)?\b/,
  new RegExp(`^${SUBJECT}\\b`),
];

/** Words after a complaint that add nothing to search with: "didn't work for me either, sorry". */
const FILLER = /\b(?:either|though|tho|unfortunately|sadly|sorry|again|any ?more|at all|yet|still|i'?m afraid|really|thanks|thank you|please|whatsoever|and|but|so|or|me|for me|(?:with )?(?:my|the|this) (?:problem|issue|question))\b/g;

/**
 * Whether a message after an answer says it did not help ("that didn't help", "no, it still doesn't work",
 * "still nothing", "not what I asked"), and what else it says ("… I'm on the mobile app"), '' when nothing.
 * Undefined for anything else: the complaint must open the message, so a new question that merely contains
 * "not" ("my invoice doesn't show the VAT number", "the export doesn't work for CSV files") stays a question.
 */
export function rejectsAnswer(text: string): { details: string } | undefined {
  const said = text.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();
  if (/^(?:no+|nope|nah)$/.test(said.replace(/[^a-z ]/g, '').trim())) return { details: '' };
  let rest = afterComplaint(said);
  if (rest === undefined) return undefined;
  for (let more = afterComplaint(rest); more !== undefined; more = afterComplaint(rest)) rest = more;
  return { details: /\p{L}{2,}/u.test(rest.replace(FILLER, '')) ? rest.replace(/^[^\p{L}\p{N}]+/u, '').trim() : '' };
}

/** What follows one complaint and the words that may lead up to it ("no, it still doesn't work"), if it opens `text`. */
function afterComplaint(text: string): string | undefined {
  let rest = text;
  for (;;) {
    rest = rest.replace(/^[^\p{L}\p{N}]+/u, '');
    const rejection = firstMatch(REJECTION, rest);
    if (rejection) return rest.slice(rejection.length);
    const preamble = firstMatch(PREAMBLE, rest);
    if (!preamble) return undefined;
    rest = rest.slice(preamble.length);
  }
}

const firstMatch = (patterns: RegExp[], text: string) => patterns.map((re) => re.exec(text)?.[0]).find(Boolean);

const THANKS_PHRASE = "(?:ok(?:ay)?|great|perfect|awesome|brilliant|cool|nice|yes|yep|thanks?(?: you)?(?: (?:a lot|so much|very much))?|thx|ty|cheers|that (?:worked|helped|fixed it|did it|did the trick|solved it)|that'?s all(?: for now)?|that is all|all set|nothing else|(?:it )?works(?: now)?|solved|all good|got it|sorted|:\\)|🙏|👍)";
/** A message that is only thanks / "that worked" (a question with thanks in it is still a question). */
const THANKS = new RegExp(`^(?:[\\s,.!]*${THANKS_PHRASE})+[\\s,.!]*$`, 'iu');

export const asksForPerson = (text: string) => ASKS_FOR_PERSON.some((re) => re.test(text));

export function soundsFrustrated(text: string): boolean {
  if (FRUSTRATION.some((re) => re.test(text))) return true;
  const letters = text.replace(/[^A-Za-z]/g, '');
  return letters.length >= 12 && letters.replace(/[^A-Z]/g, '').length / letters.length > 0.8;
}

/** Small talk is short: a longer message is a question (and long input never reaches the patterns below). */
const SMALL_TALK_MAX = 200;

export const saysThanks = (text: string) => text.length <= SMALL_TALK_MAX && THANKS.test(text.trim());

const HELLO_PHRASE = "(?:(?:h(?:i+|ey+|ello+|iya|eya|owdy)|yo|greetings|good (?:morning|afternoon|evening|day)|sup|(?:what'?s|wh?ats|wass?) ?up|bonjou?r|salut|hola|hallo|ciao|ol[aá]|hej|moin|servus|namaste|g'?day)(?: (?:there|again|team|all|everyone|folks|support|bot|guys|y'?all))?|👋)";
/**
 * Chit-chat that asks nothing of the knowledge base: about the bot, how it is, or testing whether it answers.
 * No phrase may also be read as another phrase or as two of them ("ok" is thanks, "yo" a greeting): two readings
 * of each word make the match exponential.
 */
const CHAT_PHRASE = "(?:how (?:are|r) (?:you|u|ya)(?: doing)?(?: today)?|how'?s it going|how (?:is|are) (?:it|things)(?: going)?|(?:are|r) (?:you|u) (?:a |an )?(?:bot|robot|ai|chat ?bot|machine|real|human|person|there|awake|online)|who (?:are|r) (?:you|u)|what (?:are|r) (?:you|u)|what'?s your name|what is your name|test(?:ing)?(?: 123| 1 2 3)?|lol|(?:ha){2,}|hmm+)";
/** Openers that announce a question without asking it ("I have a question", "can you help me?"). */
const OPENER_PHRASE = "(?:(?:i )?(?:need|want|would like|'?d like) (?:some )?help(?: please| pls)?|help(?: me)?(?: please| pls)?|(?:can|could) (?:you|someone|anyone|somebody) (?:please )?help(?: me)?(?: out)?(?: please)?|(?:i )?(?:have|got) (?:a |another |one more |a quick )?question|(?:a |one |another )?(?:quick |more )?question|one more thing|support|is (?:anyone|anybody|someone|somebody) (?:there|here|around)|(?:anyone|anybody) (?:there|here|around))";
/**
 * A message with no question in it yet: only a greeting (in a few languages), an opener, chit-chat or thanks ("hi",
 * "hello?", "hey there 👋", "hi, I have a question", "can you help me?", "how are you?", "are you a bot?", "test"),
 * or no words at all. Looking it up would only page an agent for nothing.
 */
const SMALL_TALK = `(?:${HELLO_PHRASE}|${OPENER_PHRASE}|${CHAT_PHRASE}|${THANKS_PHRASE})`;
// phrases apart by at least one separator (or only punctuation, "??"): each character is read one way, so a long
// message cannot make the match backtrack for seconds
const NO_QUESTION = new RegExp(`^[\\s,.!?]*(?:${SMALL_TALK}(?:[\\s,.!?]+${SMALL_TALK})*[\\s,.!?]*)?$`, 'iu');

/** No word at all: emoji, punctuation, a bare number ("🔥🔥🔥", "???", "7"). */
const NO_WORDS = /^[^\p{L}]*$/u;

export const asksNothingYet = (text: string) => text.length <= SMALL_TALK_MAX && (NO_QUESTION.test(text.trim()) || NO_WORDS.test(text));

const LINK_MESSAGE = /^\/?link(?:\s+([\d\s-]{6,9}))?$/i;

/**
 * "link" or "link 123456" typed as a message works like the link command. Returns undefined when the
 * message is something else, else the code ('' when asking for a new one). Adapters use it too, so such
 * a message does not open a thread of its own.
 */
export function linkRequest(text: string): string | undefined {
  const match = LINK_MESSAGE.exec(text.trim());
  return match ? (match[1] ?? '') : undefined;
}

const ORDINALS: Record<string, number> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3 };
const HEDGE = String.raw`(?:(?:maybe|probably|perhaps|i think|i guess|let'?s try|try)\s+)?`;
const TYPED_CHOICE = new RegExp(String.raw`^${HEDGE}(?:#|no\.?\s*|number\s*|option\s*)?([1-9])[.)!?]?$|^${HEDGE}(?:the\s+)?(first|1st|second|2nd|third|3rd)(?:\s+one)?[.!?]?$`, 'i');

/**
 * A choice typed instead of pressed, by the number the list shows ("2", "#2", "option 2", "the second one"):
 * its 1-based position, or undefined when the message is something else.
 */
export function typedChoice(text: string): number | undefined {
  const match = TYPED_CHOICE.exec(text.trim());
  if (!match) return undefined;
  return match[1] ? Number(match[1]) : ORDINALS[match[2]!.toLowerCase()];
}

const YES = /^(?:y|yes|yeah|yea|yep|yup|sure|correct|exactly|right|ok(?:ay)?|that'?s (?:it|the one|right)|that one|this one)(?:[\s,]+(?:please|thanks?|thank you|that'?s (?:it|the one|right)|that one|this one))*[\s.!]*$/i;

/** "yes" / "that's the one" to "Did you mean this?". */
export const saysYes = (text: string) => text.length <= SMALL_TALK_MAX && YES.test(text.trim());

/** Words that point at a choice without naming it: "the refund one please" names it by "refund". */
const POINTING = new Set(['the', 'a', 'an', 'one', 'ones', 'that', 'this', 'article', 'about', 'on', 'please', 'pls', 'i', 'mean', 'meant', 'want', 'need', 'yes', 'ok', 'option', 'link', 'is', 'it', 'its', "it's", 'for', 'me', 'my', 'thanks']);
const wordsOf = (text: string) => text.toLowerCase().replace(/[’‘]/g, "'").match(/[\p{L}\p{N}']+/gu) ?? [];
const stemOf = (word: string) => word.replace(/(?:'s|s)$/, '');

/**
 * A choice named by a word of its title instead of pressed ("the refund one", "annual billing"): its 1-based
 * position when the short message names exactly one of the titles, else undefined.
 */
export function choiceNamed(text: string, titles: readonly string[]): number | undefined {
  const words = wordsOf(text);
  if (words.length === 0 || words.length > 5) return undefined;
  const naming = words.filter((w) => !POINTING.has(w) && w.length > 2).map(stemOf);
  if (naming.length === 0) return undefined;
  const named = titles.flatMap((title, i) => {
    const titleWords = new Set(wordsOf(title).map(stemOf));
    return naming.every((w) => titleWords.has(w)) ? [i + 1] : [];
  });
  return named.length === 1 ? named[0] : undefined;
}
