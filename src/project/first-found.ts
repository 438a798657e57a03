/**
 * One step of a search through re-export chains: the answer at this node, or the nodes to try
 * in order, and what to answer when none of them has one.
 */
export type SearchStep<Node, Result> =
  { found: Result | undefined } | { tryInOrder: Iterable<Node>; otherwise?: Result };

/**
 * Depth-first search for the first answer, with an explicit stack instead of recursion: a barrel
 * chain thousands of modules long (generated code, or a hostile pull request) must not exhaust the
 * call stack. A node seen before answers nothing, which also ends cycles; `seen` may be shared
 * between searches that must not revisit each other's nodes.
 */
export function firstFound<Node, Result>(
  start: Node,
  keyOf: (node: Node) => string,
  step: (node: Node) => SearchStep<Node, Result>,
  seen: Set<string> = new Set(),
): Result | undefined {
  const frames: { rest: Iterator<Node>; otherwise: Result | undefined }[] = [];
  const visit = (node: Node): Result | undefined => {
    const key = keyOf(node);
    if (seen.has(key)) return undefined;
    seen.add(key);
    const outcome = step(node);
    if ('found' in outcome) return outcome.found;
    frames.push({ rest: outcome.tryInOrder[Symbol.iterator](), otherwise: outcome.otherwise });
    return undefined;
  };
  const first = visit(start);
  if (first !== undefined) return first;
  while (frames.length > 0) {
    const frame = frames[frames.length - 1]!;
    const next = frame.rest.next();
    if (next.done) {
      frames.pop();
      if (frame.otherwise !== undefined) return frame.otherwise;
      continue;
    }
    const found = visit(next.value);
    if (found !== undefined) return found;
  }
  return undefined;
}
