/**
 * Word lists for the generated domains. None of them speaks of auth, tokens, sessions or
 * deployment stages, so the only auth code and the only environment branches in the
 * generated repository are the ones planted on purpose.
 */
export const DOMAIN_PREFIXES = [
  'Billing',
  'Customer',
  'Order',
  'Inventory',
  'Shipping',
  'Catalog',
  'Pricing',
  'Payment',
  'Refund',
  'Ledger',
  'Tax',
  'Warehouse',
  'Supplier',
  'Contract',
  'Support',
  'Ticket',
  'Notification',
  'Report',
  'Analytics',
  'Campaign',
  'Coupon',
  'Loyalty',
  'Review',
  'Media',
  'Document',
  'Schedule',
  'Booking',
  'Fleet',
  'Route',
  'Device',
  'Sensor',
  'Firmware',
  'Tenant',
  'Team',
  'Project',
  'Task',
  'Invoice',
  'Quote',
  'Vendor',
  'Asset',
] as const;

export const DOMAIN_NOUNS = [
  'Item',
  'Record',
  'Batch',
  'Entry',
  'Event',
  'Snapshot',
  'Summary',
  'Adjustment',
  'Allocation',
  'Assignment',
  'Attachment',
  'Category',
  'Channel',
  'Comment',
  'Export',
  'Forecast',
  'Group',
  'History',
  'Import',
  'Label',
  'Limit',
  'Line',
  'Link',
  'Note',
  'Period',
  'Preference',
  'Rate',
  'Rule',
  'Segment',
  'Slot',
  'Status',
  'Tag',
  'Template',
  'Threshold',
  'Transfer',
  'Version',
  'Window',
  'Zone',
  'Metric',
  'Schema',
] as const;

export type FieldType = 'string' | 'number' | 'boolean' | 'Date' | 'string[]';

export const FIELDS: readonly { name: string; type: FieldType }[] = [
  { name: 'name', type: 'string' },
  { name: 'title', type: 'string' },
  { name: 'description', type: 'string' },
  { name: 'amount', type: 'number' },
  { name: 'quantity', type: 'number' },
  { name: 'currency', type: 'string' },
  { name: 'ownerId', type: 'string' },
  { name: 'reference', type: 'string' },
  { name: 'notes', type: 'string' },
  { name: 'priority', type: 'number' },
  { name: 'dueDate', type: 'Date' },
  { name: 'tags', type: 'string[]' },
  { name: 'score', type: 'number' },
  { name: 'region', type: 'string' },
  { name: 'code', type: 'string' },
  { name: 'label', type: 'string' },
  { name: 'externalId', type: 'string' },
  { name: 'revision', type: 'number' },
  { name: 'archived', type: 'boolean' },
  { name: 'weight', type: 'number' },
  { name: 'position', type: 'number' },
  { name: 'category', type: 'string' },
  { name: 'sourceSystem', type: 'string' },
  { name: 'enabled', type: 'boolean' },
  { name: 'startsAt', type: 'Date' },
  { name: 'endsAt', type: 'Date' },
  { name: 'parentId', type: 'string' },
  { name: 'locale', type: 'string' },
  { name: 'discount', type: 'number' },
  { name: 'attributes', type: 'string[]' },
];

export const UTILITY_WORDS = [
  'string',
  'date',
  'money',
  'retry',
  'cache',
  'array',
  'object',
  'number',
  'url',
  'csv',
  'json',
  'queue',
  'timer',
  'color',
  'locale',
  'slug',
  'hash',
  'range',
  'matrix',
  'graph',
  'diff',
  'merge',
  'path',
  'schema',
  'batch',
  'stream',
  'table',
  'text',
  'unit',
  'geo',
] as const;

export const UTILITY_SUFFIXES = [
  'format',
  'parse',
  'compare',
  'group',
  'convert',
  'normalize',
  'measure',
  'select',
  'split',
  'build',
] as const;

export const VERBS = [
  'compute',
  'summarize',
  'collect',
  'normalize',
  'estimate',
  'rank',
  'partition',
  'resolve',
  'format',
  'describe',
  'reconcile',
  'project',
  'score',
  'bucket',
  'index',
] as const;

export function pascal(words: string): string {
  return words.replace(/(^|[-_ ])(\w)/g, (_, _sep: string, letter: string) => letter.toUpperCase());
}

export function camel(name: string): string {
  const value = pascal(name);
  return value.charAt(0).toLowerCase() + value.slice(1);
}

export function kebab(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/_/g, '-')
    .toLowerCase();
}

export function snake(name: string): string {
  return kebab(name).replace(/-/g, '_');
}

export function constant(name: string): string {
  return snake(name).toUpperCase();
}

export function plural(word: string): string {
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|ch|sh)$/.test(word)) return `${word}es`;
  return `${word}s`;
}
