/**
 * A light English suffix stripper (plurals, -ing, -ed, -ly), enough to make "refunds", "refunded" and
 * "refunding" meet. Deliberately conservative: a wrong merge hurts matching more than a missed one.
 */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);

  if (w.endsWith('ingly') && w.length > 7) w = undouble(w.slice(0, -5));
  else if (w.endsWith('ing') && w.length > 5 && /[aeiouy]/.test(w.slice(0, -3))) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ied') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('ed') && w.length > 4 && /[aeiouy]/.test(w.slice(0, -2))) w = undouble(w.slice(0, -2));
  else if (w.endsWith('ly') && w.length > 5) w = w.slice(0, -2);

  // "charge" and "charg(ed)" meet at "charg"; a trailing e is noise for matching
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

/** "stopp" → "stop", "transferr" → "transfer"; but keep "ll", "ss", "zz" (bill, pass, buzz). */
function undouble(w: string): string {
  const last = w.at(-1);
  if (w.length > 3 && last === w.at(-2) && last && !'lsz'.includes(last) && !/[aeiou]/.test(last)) return w.slice(0, -1);
  return w;
}
