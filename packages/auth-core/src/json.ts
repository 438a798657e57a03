/**
 * JSON.parse keeps the last of duplicate member names, while other parsers keep
 * the first. A token whose header or claims mean different things to different
 * parsers is refused (RFC 7515 section 4, RFC 7519 section 4).
 */
export class DuplicateKeyError extends Error {
  constructor(readonly key: string) {
    super(`duplicate member name ${JSON.stringify(key)}`);
  }
}

/** Parses a JSON object, throwing SyntaxError on bad JSON and DuplicateKeyError on a repeated name at any depth. */
export function parseJsonObjectStrict(text: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SyntaxError('expected a JSON object');
  }
  assertUniqueKeys(text);
  return value as Record<string, unknown>;
}

// Runs only on text JSON.parse accepted, so a string that follows "{" or "," inside
// an object is always a member name.
function assertUniqueKeys(text: string): void {
  const scopes: (Set<string> | null)[] = [];
  let expectName = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === '"') {
      const end = closingQuote(text, index);
      const scope = scopes.at(-1);
      if (expectName && scope) {
        // Decode escapes, so "a" and "\u0061" count as the same name.
        const name = JSON.parse(text.slice(index, end + 1)) as string;
        if (scope.has(name)) throw new DuplicateKeyError(name);
        scope.add(name);
      }
      expectName = false;
      index = end;
    } else if (char === '{') {
      scopes.push(new Set());
      expectName = true;
    } else if (char === '[') {
      scopes.push(null);
      expectName = false;
    } else if (char === '}' || char === ']') {
      scopes.pop();
      expectName = false;
    } else if (char === ',') {
      expectName = scopes.at(-1) instanceof Set;
    }
  }
}

function closingQuote(text: string, open: number): number {
  for (let index = open + 1; index < text.length; index += 1) {
    if (text[index] === '\\') index += 1;
    else if (text[index] === '"') return index;
  }
  throw new SyntaxError('unterminated string');
}
