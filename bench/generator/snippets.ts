import type { FieldType } from './names.js';
import type { Random } from './random.js';

/** A field of the record type a snippet works on. */
export interface SnippetField {
  name: string;
  type: FieldType;
}

/** What a snippet needs to know about the type it works on. */
export interface SnippetTarget {
  /** Type name of the items, e.g. `BillingEntryRecord`. */
  type: string;
  /** Human label, e.g. `billing entry`. */
  label: string;
  fields: readonly SnippetField[];
}

/** A method or function body, without its name: the caller renders it as either. */
export interface Snippet {
  typeParameters?: string;
  parameters: string;
  returnType: string;
  async: boolean;
  body: string[];
}

type SnippetFactory = (random: Random, target: SnippetTarget) => Snippet;

function numberField(random: Random, target: SnippetTarget): string {
  const numbers = target.fields.filter((field) => field.type === 'number');
  return numbers.length > 0 ? `$item.${random.pick(numbers).name}` : '$item.id.length';
}

function stringField(random: Random, target: SnippetTarget): string {
  const strings = target.fields.filter((field) => field.type === 'string');
  return strings.length > 0 ? random.pick(strings).name : 'id';
}

function asText(field: SnippetField, source: string): string {
  switch (field.type) {
    case 'Date':
      return `${source}.${field.name}.toISOString()`;
    case 'string[]':
      return `${source}.${field.name}.join(',')`;
    case 'string':
      return `${source}.${field.name}`;
    default:
      return `String(${source}.${field.name})`;
  }
}

const totals: SnippetFactory = (random, target) => {
  const value = numberField(random, target);
  return {
    parameters: `$items: readonly ${target.type}[], minimum = ${random.int(0, 5)}`,
    returnType: '{ count: number; total: number; average: number }',
    async: false,
    body: [
      'let $total = 0;',
      'let $count = 0;',
      'for (const $item of $items) {',
      `  if (${value} < minimum) {`,
      '    continue;',
      '  }',
      `  $total += ${value};`,
      '  $count += 1;',
      '}',
      'return { count: $count, total: $total, average: $count === 0 ? 0 : $total / $count };',
    ],
  };
};

const groupBy: SnippetFactory = (random, target) => {
  const key = stringField(random, target);
  return {
    parameters: `$items: readonly ${target.type}[]`,
    returnType: `Map<string, ${target.type}[]>`,
    async: false,
    body: [
      `const $groups = new Map<string, ${target.type}[]>();`,
      'for (const $item of $items) {',
      `  const key = $item.${key}.trim().toLowerCase();`,
      '  const $bucket = $groups.get(key);',
      '  if ($bucket) {',
      '    $bucket.push($item);',
      '  } else {',
      '    $groups.set(key, [$item]);',
      '  }',
      '}',
      'return $groups;',
    ],
  };
};

const describeKind: SnippetFactory = (random, target) => {
  const kinds = random.sample(
    ['draft', 'active', 'pending', 'archived', 'rejected', 'scheduled', 'expired', 'blocked'],
    random.int(3, 6),
  );
  return {
    parameters: 'kind: string',
    returnType: 'string',
    async: false,
    body: [
      'switch (kind) {',
      ...kinds.flatMap((kind) => [`  case '${kind}':`, `    return '${target.label} is ${kind}';`]),
      '  default:',
      `    return \`unknown ${target.label} kind: \${kind}\`;`,
      '}',
    ],
  };
};

const chain: SnippetFactory = (random, target) => {
  const first = random.pick(target.fields);
  const second = random.pick(target.fields);
  return {
    parameters: `$items: readonly ${target.type}[], $limit = ${random.int(5, 50)}`,
    returnType: 'string[]',
    async: false,
    body: [
      'return $items',
      `  .filter(($item) => $item.id !== '')`,
      `  .map(($item) => \`\${$item.id}:\${${asText(first, '$item')}}:\${${asText(second, '$item')}}\`)`,
      '  .sort(($left, $right) => $left.localeCompare($right))',
      '  .slice(0, $limit);',
    ],
  };
};

const retry: SnippetFactory = (random, target) => ({
  typeParameters: '<Result>',
  parameters: `task: () => Promise<Result>, attempts = ${random.int(2, 5)}`,
  returnType: 'Promise<Result>',
  async: true,
  body: [
    'let $lastError: unknown;',
    'for (let $attempt = 1; $attempt <= attempts; $attempt++) {',
    '  try {',
    '    return await task();',
    '  } catch (error) {',
    '    $lastError = error;',
    `    await new Promise((resolve) => setTimeout(resolve, $attempt * ${random.int(2, 20) * 10}));`,
    '  }',
    '}',
    `throw new Error(\`${target.label} task failed after \${attempts} attempts: \${String($lastError)}\`);`,
  ],
});

const toRow: SnippetFactory = (random, target) => {
  const fields = random.sample(target.fields, random.int(3, Math.max(3, target.fields.length)));
  return {
    parameters: `source: ${target.type}`,
    returnType: 'Record<string, string>',
    async: false,
    body: [
      'return {',
      '  id: source.id,',
      ...fields.map((field) => `  ${field.name}: ${asText(field, 'source')},`),
      `  kind: '${target.label}',`,
      '};',
    ],
  };
};

const validate: SnippetFactory = (random, target) => {
  const checks = random.sample(target.fields, random.int(2, 5)).flatMap((field) => {
    switch (field.type) {
      case 'string':
        return [
          `if (input.${field.name} !== undefined && input.${field.name}.trim() === '') {`,
          `  $problems.push('${field.name} must not be blank');`,
          '}',
        ];
      case 'number': {
        const maximum = random.pick([100, 1000, 10_000, 1_000_000]);
        return [
          `if (input.${field.name} !== undefined && (input.${field.name} < 0 || input.${field.name} > ${maximum})) {`,
          `  $problems.push('${field.name} must be between 0 and ${maximum}');`,
          '}',
        ];
      }
      case 'Date':
        return [
          `if (input.${field.name} !== undefined && Number.isNaN(input.${field.name}.getTime())) {`,
          `  $problems.push('${field.name} must be a valid date');`,
          '}',
        ];
      case 'string[]':
        return [
          `if (input.${field.name} !== undefined && input.${field.name}.length > ${random.int(5, 40)}) {`,
          `  $problems.push('too many ${field.name}');`,
          '}',
        ];
      default:
        return [`if (input.${field.name} === undefined) {`, `  $problems.push('${field.name} is required');`, '}'];
    }
  });
  return {
    parameters: `input: Partial<${target.type}>`,
    returnType: 'string[]',
    async: false,
    body: ['const $problems: string[] = [];', ...checks, 'return $problems;'],
  };
};

const batches: SnippetFactory = (random, target) => ({
  parameters: `$items: readonly ${target.type}[], handle: ($item: ${target.type}) => Promise<void>, size = ${random.int(10, 100)}`,
  returnType: 'Promise<number>',
  async: true,
  body: [
    'let $processed = 0;',
    'for (let start = 0; start < $items.length; start += size) {',
    '  const $chunk = $items.slice(start, start + size);',
    '  await Promise.all($chunk.map(($item) => handle($item)));',
    '  $processed += $chunk.length;',
    '}',
    'return $processed;',
  ],
});

const dateWindow: SnippetFactory = (random) => ({
  parameters: `from: Date, days = ${random.int(1, 90)}`,
  returnType: '{ start: Date; end: Date; label: string }',
  async: false,
  body: [
    'const start = new Date(from.getTime());',
    'start.setUTCHours(0, 0, 0, 0);',
    'const end = new Date(start.getTime() + days * 86_400_000);',
    'const label = `${start.toISOString().slice(0, 10)}..${end.toISOString().slice(0, 10)}`;',
    'return { start, end, label };',
  ],
});

const rank: SnippetFactory = (random, target) => ({
  parameters: `$items: readonly ${target.type}[], top = ${random.int(3, 25)}`,
  returnType: `${target.type}[]`,
  async: false,
  body: [
    `const $scored = $items.map(($item, position) => ({ $item, score: ${numberField(random, target)} * ${random.int(1, 9)} - position * 0.01 }));`,
    '$scored.sort(($left, $right) => $right.score - $left.score);',
    'return $scored.slice(0, top).map(({ $item }) => $item);',
  ],
});

const table: SnippetFactory = (random, target) => {
  const columns = random.sample(target.fields, random.int(2, 4));
  return {
    parameters: `rows: readonly ${target.type}[]`,
    returnType: 'string',
    async: false,
    body: [
      `const header = ['id', ${columns.map((field) => `'${field.name}'`).join(', ')}].join(' | ');`,
      `const lines = rows.map((row) => [row.id, ${columns.map((field) => asText(field, 'row')).join(', ')}].join(' | '));`,
      "return [header, '-'.repeat(header.length), ...lines].join('\\n');",
    ],
  };
};

const diff: SnippetFactory = (random, target) => {
  const fields = random.sample(target.fields, random.int(2, 5));
  return {
    parameters: `before: ${target.type}, after: ${target.type}`,
    returnType: 'string[]',
    async: false,
    body: [
      'const $changed: string[] = [];',
      ...fields.flatMap((field) =>
        field.type === 'Date'
          ? [
              `if (before.${field.name}.getTime() !== after.${field.name}.getTime()) {`,
              `  $changed.push('${field.name}');`,
              '}',
            ]
          : field.type === 'string[]'
            ? [
                `if (before.${field.name}.join() !== after.${field.name}.join()) {`,
                `  $changed.push('${field.name}');`,
                '}',
              ]
            : [`if (before.${field.name} !== after.${field.name}) {`, `  $changed.push('${field.name}');`, '}'],
      ),
      'return $changed;',
    ],
  };
};

const FACTORIES: readonly SnippetFactory[] = [
  totals,
  groupBy,
  describeKind,
  chain,
  retry,
  toRow,
  validate,
  batches,
  dateWindow,
  rank,
  table,
  diff,
];

/** Local names vary between snippets, as they do between authors: copy-paste detectors should see code, not one template. */
const SYNONYMS: Record<string, readonly string[]> = {
  items: ['items', 'entries', 'values', 'records', 'list', 'collection'],
  item: ['item', 'entry', 'element', 'candidate', 'current', 'value'],
  total: ['total', 'sum', 'accumulated', 'running'],
  count: ['count', 'matched', 'seen', 'tally'],
  groups: ['groups', 'byKey', 'buckets', 'grouped'],
  bucket: ['bucket', 'existing', 'group', 'slot'],
  problems: ['problems', 'issues', 'errors', 'messages'],
  processed: ['processed', 'handled', 'done', 'completed'],
  chunk: ['chunk', 'batch', 'part', 'page'],
  scored: ['scored', 'ranked', 'weighted', 'candidates'],
  changed: ['changed', 'differences', 'touched', 'modified'],
  lastError: ['lastError', 'failure', 'lastFailure', 'cause'],
  attempt: ['attempt', 'round', 'tries', 'pass'],
  limit: ['limit', 'max', 'cap', 'take'],
  left: ['left', 'a', 'first', 'lhs'],
  right: ['right', 'b', 'second', 'rhs'],
};

/** Replaces the `$name` placeholders of a snippet with one synonym each. */
function nameLocals(random: Random, snippet: Snippet): Snippet {
  const chosen = Object.fromEntries(Object.entries(SYNONYMS).map(([name, options]) => [name, random.pick(options)]));
  const apply = (text: string) => text.replace(/\$([a-zA-Z]+)\b/g, (match, name: string) => chosen[name] ?? match);
  return { ...snippet, parameters: apply(snippet.parameters), body: snippet.body.map(apply) };
}

export function randomSnippet(random: Random, target: SnippetTarget): Snippet {
  return nameLocals(random, random.pick(FACTORIES)(random, target));
}

/** Renders a snippet as a class method at two spaces of indentation. */
export function renderMethod(snippet: Snippet, name: string, modifier = ''): string[] {
  const head = `  ${modifier}${snippet.async ? 'async ' : ''}${name}${snippet.typeParameters ?? ''}(${snippet.parameters}): ${snippet.returnType} {`;
  return [head, ...snippet.body.map((line) => `    ${line}`), '  }'];
}

/** Renders a snippet as a top-level function. */
export function renderFunction(snippet: Snippet, name: string, exported = true): string[] {
  const head = `${exported ? 'export ' : ''}${snippet.async ? 'async ' : ''}function ${name}${snippet.typeParameters ?? ''}(${snippet.parameters}): ${snippet.returnType} {`;
  return [head, ...snippet.body.map((line) => `  ${line}`), '}'];
}
