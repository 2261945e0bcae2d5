/**
 * Cadence's drafts never set or suggest a rating, a ranking or a comparison between people: that
 * judgement stays with the people doing the review. A model sentence that reads like one fails the
 * whole answer (a model that tries once is not trusted for the rest of that draft).
 */
const PATTERNS: ReadonlyArray<[string, RegExp]> = [
  ['a score out of a scale', /\b\d+(\.\d+)?\s*(\/|out of)\s*\d+\b/i],
  ['a rating or score with a value', /\b(rat(e|ed|ing)|scor(e|ed|ing)|grade[ds]?)\b[^.?!]{0,40}\b([1-9]|one|two|three|four|five|high|low|top|strong|weak|excellent|poor)\b/i],
  ['a value given as a rating', /\b([1-9]|one|two|three|four|five|high|low|top)\b[^.?!]{0,20}\b(rating|score)\b/i],
  ['a rating recommendation', /\b(deserves?|should (get|receive|be given)|recommend(ed)?|warrants?|merits?)\b[^.?!]{0,40}\b(rating|score|grade|promotion|raise|bonus|pip)\b/i],
  ['an expectations label', /\b(exceed(s|ed|ing)?|meet(s|ing)?|met|below|above|does not meet|did not meet)\s+(all\s+|the\s+)?expectations\b/i],
  ['a performance label', /\b(top|high|low|under|over|strong|weak|star|poor)[- ]?perform(er|ers|ing)\b/i],
  ['a ranking', /\b(rank(s|ed|ing)?|top \d+%?|bottom \d+%?|(top|bottom) (tier|quartile|half))\b/i],
  ['a comparison with others', /\b(better|worse|stronger|weaker|faster|slower|more (capable|effective|productive)|less (capable|effective|productive)) than (his|her|their|the rest|others|any|most|colleagues|peers|teammates|everyone)\b/i],
  ['a comparison with others', /\b(compared (to|with)|relative to|ahead of|behind) (his|her|their|the|other|others|colleagues|peers|teammates|the team)\b[^.?!]{0,30}\b(peers|colleagues|teammates|team|others|people)\b/i],
  ['a comparison with others', /\b(outperform|underperform|the best|the worst)\w*\b[^.?!]{0,30}\b(team|peers|colleagues|everyone|others)\b/i],
  ['a promotion or dismissal call', /\b(promot(e|ed|ion)|demot(e|ed|ion)|fire[ds]?|terminat(e|ed|ion)|performance improvement plan)\b/i],
];

/** What about `text` reads as a rating, ranking or comparison; undefined when nothing does. */
export function ratingLanguage(text: string): string | undefined {
  return PATTERNS.find(([, pattern]) => pattern.test(text))?.[0];
}
