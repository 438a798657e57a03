/** Turns a rule's documentation page (docs/rules/<name>.md) into what SARIF viewers show. Pure. */

interface DocsPageParts {
  /** The first paragraph of the page's "Why" section, on one line; undefined when there is none. */
  rationale: string | undefined;
  /** The page without its `# ssot/<name>` title (viewers show the rule id already), links made absolute. */
  body: string;
}

export function docsPageParts(page: string, docsUrl: string): DocsPageParts {
  const lines = absoluteLinks(page.replace(/\r\n?/g, '\n'), docsUrl).split('\n');
  const body = (lines[0]?.startsWith('# ') ? lines.slice(1) : lines).join('\n').trim();
  return { rationale: firstParagraphOf(lines, '## Why'), body: `${body}\n` };
}

/** Link text only, for the plain-text variant: `[the auth core](https://…)` → `the auth core`. */
export function withoutLinks(markdown: string): string {
  return markdown.replace(/\[([^\]]*)\]\([^)\s]*\)/g, '$1');
}

function firstParagraphOf(lines: readonly string[], heading: string): string | undefined {
  const start = lines.indexOf(heading);
  if (start < 0) return undefined;
  const paragraph: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') {
      if (paragraph.length > 0) break;
      continue;
    }
    if (line.startsWith('#')) break;
    paragraph.push(line.trim());
  }
  return paragraph.length > 0 ? paragraph.join(' ') : undefined;
}

/**
 * Relative links (`./single-jwt-path.md`, `../auth-core.md`, `#options`) resolved against the page's
 * published URL: in a code-scanning alert they would otherwise point into the analysed repository.
 * Code blocks are left alone (`handlers[0](request)` is code, not a link).
 */
function absoluteLinks(page: string, docsUrl: string): string {
  let inCode = false;
  return page
    .split('\n')
    .map((line) => {
      if (line.trimStart().startsWith('```')) {
        inCode = !inCode;
        return line;
      }
      if (inCode) return line;
      return line.replace(/\]\(([^)\s]+)\)/g, (match, href: string) =>
        /^[a-z][a-z\d+.-]*:/i.test(href) ? match : `](${new URL(href, docsUrl).href})`,
      );
    })
    .join('\n');
}
