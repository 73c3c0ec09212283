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
];

const FRUSTRATION = [
  /\b(?:useless|ridiculous|terrible|awful|pathetic|worst|stupid|garbage|rubbish|waste of (?:my )?time|fed up|sick of|so annoying|furious|unacceptable)\b/i,
  /\b(?:wtf|ffs|omfg)\b/i,
  /\b(?:fuck\w*|shit\w*|damn|crap)\b/i,
  /!{3,}/,
  /\b(?:this|that|you)(?:'re| are| is)? (?:not|n't) (?:helping|helpful)\b/i,
  /\bnot helpful\b/i,
];

const NOT_HELPED = [
  /\b(?:did ?n[o']?t|does ?n[o']?t|do ?n[o']?t|didnt|doesnt|did not|does not) (?:help|work|fix|solve|answer)\b/i,
  /\bstill (?:not|doesn'?t|does not|can'?t|cannot|broken|failing|the same|having)\b/i,
  /\bnot what i (?:asked|meant|need|wanted)\b/i,
  /\b(?:wrong|irrelevant) (?:answer|article)\b/i,
  /^\W*(?:no|nope|nah|not really|that'?s not it)\W*$/i,
];

const THANKS_PHRASE = "(?:ok(?:ay)?|great|perfect|awesome|brilliant|cool|nice|yes|yep|thanks?(?: you)?(?: (?:a lot|so much|very much))?|thx|ty|cheers|that (?:worked|helped|fixed it|did it|did the trick|solved it)|(?:it )?works(?: now)?|solved|all good|got it|sorted|:\\)|🙏|👍)";
/** A message that is only thanks / "that worked" (a question with thanks in it is still a question). */
const THANKS = new RegExp(`^(?:[\\s,.!]*${THANKS_PHRASE})+[\\s,.!]*$`, 'iu');

export const asksForPerson = (text: string) => ASKS_FOR_PERSON.some((re) => re.test(text));

export function soundsFrustrated(text: string): boolean {
  if (FRUSTRATION.some((re) => re.test(text))) return true;
  const letters = text.replace(/[^A-Za-z]/g, '');
  return letters.length >= 12 && letters.replace(/[^A-Z]/g, '').length / letters.length > 0.8;
}

export const saysNotHelped = (text: string) => NOT_HELPED.some((re) => re.test(text));
export const saysThanks = (text: string) => THANKS.test(text.trim());

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
