/**
 * Strings a record keeps for as long as the index lives. V8 keeps a substring of 13 characters
 * or more as a slice of its parent, so a name or text taken from a syntax tree would keep its
 * whole file's source alive; these helpers give records strings of their own.
 */

/** V8's shortest sliced string: shorter substrings are copies already. */
const MIN_SLICE_LENGTH = 13;

/**
 * One copy of each name the parses of one index build (or editor session) took from source,
 * shared by every record that names it. It grows with the distinct names of the files parsed.
 */
export type NamePool = Map<string, string>;

/** The pool's copy of `text`, made on first sight. */
export function pooled(names: NamePool, text: string): string {
  if (text.length < MIN_SLICE_LENGTH) return text;
  let copy = names.get(text);
  if (copy === undefined) {
    copy = detached(text);
    names.set(copy, copy);
  }
  return copy;
}

/** `text` as a string holding nothing else alive. */
export function detached(text: string): string {
  // Slicing a concatenation makes V8 flatten it into a new string first, so the slice's parent is
  // that copy (one character longer), not the source text. A fifth of a JSON round trip's cost.
  return text.length < MIN_SLICE_LENGTH ? text : (text + ' ').slice(0, -1);
}
