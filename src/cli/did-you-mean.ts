// "Did you mean" for misspelt commands and options: the closest known name by edit
// distance, offered when it is close enough to be a typo rather than another word.

import { closest, distance } from 'fastest-levenshtein';

export function didYouMean(given: string, known: readonly string[]): string {
  if (known.length === 0) return '';
  const best = closest(given, [...known]);
  return distance(given, best) <= Math.max(2, Math.floor(best.length / 3)) ? `; did you mean ${best}?` : '';
}
