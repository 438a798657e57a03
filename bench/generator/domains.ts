import { type Domain, type GeneratedFile, fixedFile, lines } from './model.js';
import { constant, kebab, plural } from './names.js';
import type { Random } from './random.js';
import type { SnippetField, SnippetTarget } from './snippets.js';

function tsType(field: SnippetField): string {
  return field.type;
}

function sampleValue(field: SnippetField, random: Random): string {
  switch (field.type) {
    case 'string':
      return `'sample-${kebab(field.name)}-${random.int(1, 99)}'`;
    case 'number':
      return String(random.int(1, 500));
    case 'boolean':
      return random.chance(0.5) ? 'true' : 'false';
    case 'Date':
      return `new Date(${random.int(1_600_000_000, 1_700_000_000)}000)`;
    case 'string[]':
      return `['${random.pick(['alpha', 'beta', 'gamma'])}', '${random.pick(['red', 'green', 'blue'])}']`;
  }
}

function decorators(field: SnippetField, random: Random): string[] {
  switch (field.type) {
    case 'string':
      return ['@IsString()', `@MaxLength(${random.pick([32, 64, 120, 255])})`];
    case 'number':
      return ['@IsNumber()'];
    case 'boolean':
      return ['@IsBoolean()'];
    case 'Date':
      return ['@IsDate()'];
    case 'string[]':
      return ['@IsString({ each: true })'];
  }
}

function validatorImports(fields: readonly SnippetField[], optional: boolean): string {
  const names = new Set<string>(optional ? ['IsOptional'] : []);
  for (const field of fields) {
    if (field.type === 'string') names.add('IsString').add('MaxLength');
    if (field.type === 'number') names.add('IsNumber');
    if (field.type === 'boolean') names.add('IsBoolean');
    if (field.type === 'Date') names.add('IsDate');
    if (field.type === 'string[]') names.add('IsString');
  }
  return `import { ${[...names].sort().join(', ')} } from 'class-validator';`;
}

function viewType(field: SnippetField): string {
  return field.type === 'Date' ? 'string' : field.type;
}

function viewValue(field: SnippetField, source: string): string {
  return field.type === 'Date' ? `${source}.${field.name}.toISOString()` : `${source}.${field.name}`;
}

export function recordTarget(domain: Domain, type: string): SnippetTarget {
  return { type, label: domain.label, fields: domain.fields };
}

/** A NestJS-style API module: entity, DTOs, repository, service, controller, mapper, validator, barrel, test. */
export function apiDomainFiles(domain: Domain, random: Random): GeneratedFile[] {
  const { name: E, kebab: k, label, fields, dir } = domain;
  const C = constant(E);
  const record = recordTarget(domain, `${E}Record`);
  const neighbor = domain.neighbor;
  const role = random.pick(['admin', 'manager', 'operator', 'editor']);
  const getters = fields.slice(0, random.int(2, Math.min(5, fields.length)));
  const files: GeneratedFile[] = [];

  files.push(
    fixedFile(`${dir}/${k}.constants.ts`, [
      `export const ${C}_STATUSES = ['draft', 'active', 'archived'] as const;`,
      `export type ${E}Status = (typeof ${C}_STATUSES)[number];`,
      '',
      `export const ${C}_PAGE_SIZE = ${random.pick([10, 20, 25, 50, 100])};`,
      `export const ${C}_CACHE_TTL_SECONDS = ${random.pick([60, 300, 900, 3600])};`,
      `export const ${C}_TABLE = '${domain.table}';`,
      '',
      `export enum ${E}EventType {`,
      `  Created = '${k}.created',`,
      `  Updated = '${k}.updated',`,
      `  Archived = '${k}.archived',`,
      '}',
    ]),
  );

  files.push({
    path: `${dir}/${k}.entity.ts`,
    head: [
      ...lines(`
        import type { Clock } from '@bench/shared';
        import { ${C}_STATUSES, type ${E}Status } from './${k}.constants';

        export interface ${E}Record {
          id: string;
          status: ${E}Status;
          createdAt: Date;
          updatedAt: Date;
      `),
      ...fields.map((field) => `  ${field.name}: ${tsType(field)};`),
      '}',
      '',
      ...lines(`
        export class ${E}Entity {
          private readonly changes: string[] = [];

          constructor(
            private record: ${E}Record,
            private readonly clock: Clock,
          ) {}

          get id(): string {
            return this.record.id;
          }

          get status(): ${E}Status {
            return this.record.status;
          }
      `),
      ...getters.flatMap((field) => [
        '',
        `  get ${field.name}(): ${tsType(field)} {`,
        `    return this.record.${field.name};`,
        '  }',
      ]),
      '',
      ...lines(`
          transition(next: ${E}Status): void {
            if (!${C}_STATUSES.includes(next)) {
              throw new Error(\`invalid ${label} status: \${next}\`);
            }
            this.changes.push(\`status:\${this.record.status}->\${next}\`);
            this.record = { ...this.record, status: next, updatedAt: this.clock.now() };
          }

          apply(patch: Partial<Omit<${E}Record, 'id' | 'createdAt'>>): void {
            for (const key of Object.keys(patch)) {
              this.changes.push(key);
            }
            this.record = { ...this.record, ...patch, updatedAt: this.clock.now() };
          }

          pendingChanges(): readonly string[] {
            return this.changes;
          }

          toRecord(): ${E}Record {
            return { ...this.record };
          }
      `).map((line) => (line ? `  ${line}` : line)),
    ],
    tail: ['}'],
    filler: { kind: 'method', target: record, weight: 1.2 },
    body: [],
  });

  const createFields = fields.filter((field) => field.name !== 'archived');
  files.push(
    fixedFile(`${dir}/dto/create-${k}.dto.ts`, [
      validatorImports(createFields, false),
      '',
      `export class Create${E}Dto {`,
      ...createFields.flatMap((field, index) => [
        ...(index > 0 ? [''] : []),
        ...decorators(field, random).map((decorator) => `  ${decorator}`),
        `  ${field.name}!: ${tsType(field)};`,
      ]),
      '}',
    ]),
  );
  files.push(
    fixedFile(`${dir}/dto/update-${k}.dto.ts`, [
      validatorImports(createFields, true),
      '',
      `export class Update${E}Dto {`,
      ...createFields.flatMap((field) => [
        '  @IsOptional()',
        ...decorators(field, random).map((decorator) => `  ${decorator}`),
        `  ${field.name}?: ${tsType(field)};`,
        '',
      ]),
      '  hasChanges(): boolean {',
      '    return Object.values(this).some((value) => value !== undefined);',
      '  }',
      '}',
    ]),
  );
  files.push(
    fixedFile(`${dir}/dto/index.ts`, [`export * from './create-${k}.dto';`, `export * from './update-${k}.dto';`]),
  );

  const columns = [
    'id',
    'status',
    'created_at',
    'updated_at',
    ...fields.map((field) => kebab(field.name).replace(/-/g, '_')),
  ];
  files.push({
    path: `${dir}/${k}.repository.ts`,
    head: lines(`
      import { NotFoundError, type Database, type PageRequest, type PageResult } from '@bench/shared';
      import { ${C}_TABLE } from './${k}.constants';
      import type { ${E}Record } from './${k}.entity';

      const COLUMNS = [${columns.map((column) => `'${column}'`).join(', ')}] as const;

      export class ${E}Repository {
        constructor(private readonly db: Database) {}

        async findById(id: string): Promise<${E}Record | undefined> {
          const rows = await this.db.query<${E}Record>(\`SELECT \${COLUMNS.join(', ')} FROM \${${C}_TABLE} WHERE id = $1\`, [id]);
          return rows[0];
        }

        async getById(id: string): Promise<${E}Record> {
          const record = await this.findById(id);
          if (!record) {
            throw new NotFoundError('${label}', id);
          }
          return record;
        }

        async list(page: PageRequest): Promise<PageResult<${E}Record>> {
          const rows = await this.db.query<${E}Record>(
            \`SELECT \${COLUMNS.join(', ')} FROM \${${C}_TABLE} ORDER BY created_at DESC LIMIT $1 OFFSET $2\`,
            [page.size, page.offset],
          );
          const totals = await this.db.query<{ count: number }>(\`SELECT count(*) AS count FROM \${${C}_TABLE}\`);
          return { items: rows, total: totals[0]?.count ?? 0, page: page.number, size: page.size };
        }

        async insert(record: ${E}Record): Promise<void> {
          const placeholders = COLUMNS.map((_, index) => \`$\${index + 1}\`).join(', ');
          await this.db.execute(\`INSERT INTO \${${C}_TABLE} (\${COLUMNS.join(', ')}) VALUES (\${placeholders})\`, [
            record.id,
            record.status,
            record.createdAt,
            record.updatedAt,
    `).concat(
      fields.map((field) => `      record.${field.name},`),
      lines(`
            ]);
          }

          async update(id: string, patch: Partial<${E}Record>): Promise<number> {
            const entries = Object.entries(patch);
            if (entries.length === 0) {
              return 0;
            }
            const assignments = entries.map(([column], index) => \`\${column} = $\${index + 2}\`).join(', ');
            return this.db.execute(\`UPDATE \${${C}_TABLE} SET \${assignments} WHERE id = $1\`, [id, ...entries.map(([, value]) => value)]);
          }

          async remove(id: string): Promise<boolean> {
            const affected = await this.db.execute(\`DELETE FROM \${${C}_TABLE} WHERE id = $1\`, [id]);
            return affected > 0;
          }
      `).map((line) => (line ? `  ${line}` : line)),
    ),
    tail: ['}'],
    filler: { kind: 'method', target: record, weight: 1 },
    body: [],
  });

  files.push({
    path: `${dir}/${k}.mapper.ts`,
    head: [
      `import type { ${E}Record } from './${k}.entity';`,
      '',
      `export interface ${E}View {`,
      '  id: string;',
      '  status: string;',
      '  createdAt: string;',
      ...fields.map((field) => `  ${field.name}: ${viewType(field)};`),
      '}',
      '',
      `export function to${E}View(record: ${E}Record): ${E}View {`,
      '  return {',
      '    id: record.id,',
      '    status: record.status,',
      '    createdAt: record.createdAt.toISOString(),',
      ...fields.map((field) => `    ${field.name}: ${viewValue(field, 'record')},`),
      '  };',
      '}',
    ],
    tail: [],
    filler: { kind: 'function', target: record, weight: 0.8 },
    body: [],
  });

  const checks = createFields.slice(0, random.int(2, 6)).flatMap((field) => {
    switch (field.type) {
      case 'string':
        return [
          `  if (!dto.${field.name} || dto.${field.name}.trim() === '') {`,
          `    problems.push('${field.name} is required');`,
          '  }',
        ];
      case 'number':
        return [
          `  if (!Number.isFinite(dto.${field.name}) || dto.${field.name} < 0) {`,
          `    problems.push('${field.name} must be a non-negative number');`,
          '  }',
        ];
      case 'Date':
        return [
          `  if (!(dto.${field.name} instanceof Date)) {`,
          `    problems.push('${field.name} must be a date');`,
          '  }',
        ];
      case 'string[]':
        return [
          `  if (!Array.isArray(dto.${field.name})) {`,
          `    problems.push('${field.name} must be a list');`,
          '  }',
        ];
      default:
        return [
          `  if (typeof dto.${field.name} !== 'boolean') {`,
          `    problems.push('${field.name} must be true or false');`,
          '  }',
        ];
    }
  });
  files.push({
    path: `${dir}/${k}.validator.ts`,
    fillerImports: [`import type { ${E}Record } from './${k}.entity';`],
    head: [
      `import type { Create${E}Dto } from './dto';`,
      '',
      `export function validateCreate${E}(dto: Create${E}Dto): string[] {`,
      '  const problems: string[] = [];',
      ...checks,
      '  return problems;',
      '}',
    ],
    tail: [],
    filler: { kind: 'function', target: record, weight: 0.8 },
    body: [],
  });

  const utility = domain.utility;
  files.push({
    path: `${dir}/${k}.service.ts`,
    head: [
      "import { Logger, paginateRequest, type PageResult } from '@bench/shared';",
      `import { ${utility.entry} } from '@bench/shared/utils/${utility.module}';`,
      ...(neighbor
        ? [`import { ${neighbor.name}Service } from '../${neighbor.kebab}/${neighbor.kebab}.service';`]
        : []),
      `import type { Create${E}Dto, Update${E}Dto } from './dto';`,
      `import { ${C}_PAGE_SIZE, ${E}EventType } from './${k}.constants';`,
      `import type { ${E}Record } from './${k}.entity';`,
      `import { to${E}View, type ${E}View } from './${k}.mapper';`,
      `import { ${E}Repository } from './${k}.repository';`,
      `import { validateCreate${E} } from './${k}.validator';`,
      '',
      `export class ${E}Service {`,
      `  private readonly logger = new Logger('${E}Service');`,
      '',
      '  constructor(',
      `    private readonly repository: ${E}Repository,`,
      ...(neighbor ? [`    private readonly ${neighbor.camel}Service: ${neighbor.name}Service,`] : []),
      '  ) {}',
      '',
      ...lines(`
          async create(dto: Create${E}Dto, actorId: string): Promise<${E}View> {
            const problems = validateCreate${E}(dto);
            if (problems.length > 0) {
              throw new Error(\`invalid ${label}: \${problems.join('; ')}\`);
            }
            const now = new Date();
            const record: ${E}Record = {
              id: crypto.randomUUID(),
              status: 'draft',
              createdAt: now,
              updatedAt: now,
              ${fields.some((field) => field.name === 'archived') ? 'archived: false, ' : ''}...dto,
            };
            await this.repository.insert(record);
            this.logger.info(${E}EventType.Created, { id: record.id, actorId });
            return to${E}View(record);
          }

          async update(id: string, dto: Update${E}Dto): Promise<${E}View> {
            await this.repository.update(id, { ...dto, updatedAt: new Date() });
            this.logger.info(${E}EventType.Updated, { id });
            return to${E}View(await this.repository.getById(id));
          }

          async get(id: string): Promise<${E}View> {
            return to${E}View(await this.repository.getById(id));
          }

          async list(pageNumber = 1): Promise<PageResult<${E}View>> {
            const page = paginateRequest(pageNumber, ${C}_PAGE_SIZE);
            const result = await this.repository.list(page);
            return { ...result, items: result.items.map(to${E}View) };
          }

          async archive(id: string): Promise<void> {
            await this.repository.update(id, { status: 'archived', updatedAt: new Date() });
            this.logger.info(${E}EventType.Archived, { id });
          }
      `).map((line) => (line ? `  ${line}` : line)),
      '',
      ...(neighbor
        ? lines(`
              async related(id: string): Promise<string[]> {
                const own = await this.repository.getById(id);
                const others = await this.${neighbor.camel}Service.list(1);
                return others.items.filter((item) => item.id !== own.id).map((item) => ${utility.entry}(item.id));
              }
          `)
        : lines(`
              async describe(id: string): Promise<string> {
                const record = await this.repository.getById(id);
                return ${utility.entry}(\`\${record.id}:\${record.status}\`);
              }
          `)
      ).map((line) => (line ? `  ${line}` : line)),
    ],
    tail: ['}'],
    filler: { kind: 'method', target: record, weight: 1.4 },
    body: [],
  });

  files.push({
    path: `${dir}/${k}.controller.ts`,
    fillerImports: [`import type { ${E}Record } from './${k}.entity';`],
    head: lines(`
      import { requireAuth, requireRole } from '@bench/auth';
      import { HttpError, type Request, type Response } from '@bench/shared';
      import { Create${E}Dto, Update${E}Dto } from './dto';
      import { ${E}Service } from './${k}.service';

      export class ${E}Controller {
        readonly basePath = '/${plural(k)}';

        constructor(private readonly service: ${E}Service) {}

        async list(req: Request, res: Response): Promise<void> {
          requireAuth(req);
          const page = Number(req.query.page ?? '1');
          if (!Number.isInteger(page) || page < 1) {
            throw new HttpError(400, 'page must be a positive integer');
          }
          res.status(200).json(await this.service.list(page));
        }

        async get(req: Request, res: Response): Promise<void> {
          requireAuth(req);
          res.status(200).json(await this.service.get(req.params.id ?? ''));
        }

        async create(req: Request, res: Response): Promise<void> {
          const claims = requireAuth(req);
          const dto = Object.assign(new Create${E}Dto(), req.body);
          res.status(201).json(await this.service.create(dto, claims.sub));
        }

        async update(req: Request, res: Response): Promise<void> {
          requireAuth(req);
          const dto = Object.assign(new Update${E}Dto(), req.body);
          res.status(200).json(await this.service.update(req.params.id ?? '', dto));
        }

        async archive(req: Request, res: Response): Promise<void> {
          requireRole(requireAuth(req), '${role}');
          await this.service.archive(req.params.id ?? '');
          res.status(204).json(null);
        }
    `),
    tail: ['}'],
    filler: { kind: 'method', target: record, weight: 0.5 },
    body: [],
  });

  files.push(
    fixedFile(`${dir}/index.ts`, [
      "export * from './dto';",
      `export { ${E}Controller } from './${k}.controller';`,
      `export { ${C}_STATUSES, type ${E}Status } from './${k}.constants';`,
      `export type { ${E}Record } from './${k}.entity';`,
      `export type { ${E}View } from './${k}.mapper';`,
      `export { ${E}Repository } from './${k}.repository';`,
      `export { ${E}Service } from './${k}.service';`,
    ]),
  );

  const sample = `{ id, status: 'draft', createdAt: new Date(0), updatedAt: new Date(0), ${fields.map((field) => `${field.name}: ${sampleValue(field, random)}`).join(', ')} }`;
  files.push(
    fixedFile(`${dir}/${k}.service.spec.ts`, [
      "import { describe, expect, it, vi } from 'vitest';",
      ...(neighbor
        ? [`import type { ${neighbor.name}Service } from '../${neighbor.kebab}/${neighbor.kebab}.service';`]
        : []),
      `import type { ${E}Repository } from './${k}.repository';`,
      `import { ${E}Service } from './${k}.service';`,
      '',
      `function makeRepository(): ${E}Repository {`,
      '  return {',
      '    insert: vi.fn(async () => undefined),',
      '    update: vi.fn(async () => 1),',
      `    getById: vi.fn(async (id: string) => (${sample})),`,
      '    list: vi.fn(async () => ({ items: [], total: 0, page: 1, size: 10 })),',
      `  } as unknown as ${E}Repository;`,
      '}',
      '',
      `describe('${E}Service', () => {`,
      `  it('returns a ${label} by id', async () => {`,
      `    const service = new ${E}Service(makeRepository()${neighbor ? `, {} as ${neighbor.name}Service` : ''});`,
      "    const view = await service.get('first');",
      "    expect(view.id).toBe('first');",
      "    expect(view.status).toBe('draft');",
      '  });',
      '',
      `  it('archives a ${label}', async () => {`,
      '    const repository = makeRepository();',
      `    const service = new ${E}Service(repository${neighbor ? `, {} as ${neighbor.name}Service` : ''});`,
      "    await service.archive('second');",
      "    expect(repository.update).toHaveBeenCalledWith('second', expect.objectContaining({ status: 'archived' }));",
      '  });',
      '',
      "  it('lists an empty page', async () => {",
      `    const service = new ${E}Service(makeRepository()${neighbor ? `, {} as ${neighbor.name}Service` : ''});`,
      '    const page = await service.list(1);',
      '    expect(page.items).toEqual([]);',
      '  });',
      '});',
    ]),
  );
  return files;
}

/** An admin feature: API client, store, table columns, barrel. */
export function adminDomainFiles(domain: Domain, random: Random): GeneratedFile[] {
  const { name: E, kebab: k, camel: c, label, fields, dir } = domain;
  const summary: SnippetTarget = { type: `${E}Summary`, label, fields };
  const shown = random.sample(fields, random.int(2, Math.min(6, fields.length)));
  return [
    {
      path: `${dir}/${k}.client.ts`,
      head: [
        "import type { HttpClient } from '../../http/http-client';",
        '',
        `export interface ${E}Summary {`,
        '  id: string;',
        ...fields.map((field) => `  ${field.name}: ${tsType(field)};`),
        '}',
        '',
        ...lines(`
          export class ${E}AdminClient {
            constructor(private readonly http: HttpClient) {}

            async fetchPage(page = 1): Promise<${E}Summary[]> {
              const response = await this.http.get<{ items: ${E}Summary[] }>(\`/admin/${plural(k)}?page=\${page}\`);
              return response.items;
            }

            async fetchOne(id: string): Promise<${E}Summary> {
              return this.http.get<${E}Summary>(\`/admin/${plural(k)}/\${encodeURIComponent(id)}\`);
            }

            async save(summary: ${E}Summary): Promise<void> {
              await this.http.put(\`/admin/${plural(k)}/\${encodeURIComponent(summary.id)}\`, summary);
            }
        `),
      ],
      tail: ['}'],
      filler: { kind: 'method', target: summary, weight: 1 },
      body: [],
    },
    {
      path: `${dir}/${k}.store.ts`,
      head: lines(`
        import type { ${E}AdminClient, ${E}Summary } from './${k}.client';

        type Listener = (items: readonly ${E}Summary[]) => void;

        export class ${E}Store {
          private readonly items = new Map<string, ${E}Summary>();
          private readonly listeners = new Set<Listener>();

          constructor(private readonly client: ${E}AdminClient) {}

          subscribe(listener: Listener): () => void {
            this.listeners.add(listener);
            listener(this.snapshot());
            return () => {
              this.listeners.delete(listener);
            };
          }

          async refresh(page = 1): Promise<void> {
            const fetched = await this.client.fetchPage(page);
            for (const item of fetched) {
              this.items.set(item.id, item);
            }
            this.emit();
          }

          snapshot(): ${E}Summary[] {
            return [...this.items.values()].sort((left, right) => left.id.localeCompare(right.id));
          }

          private emit(): void {
            const current = this.snapshot();
            for (const listener of this.listeners) {
              listener(current);
            }
          }
      `),
      tail: ['}'],
      filler: { kind: 'method', target: summary, weight: 1 },
      body: [],
    },
    {
      path: `${dir}/${k}.columns.ts`,
      head: [
        "import type { Column } from '../../table/column';",
        `import type { ${E}Summary } from './${k}.client';`,
        '',
        `export const ${c}Columns: Column<${E}Summary>[] = [`,
        "  { key: 'id', header: 'ID', width: 120 },",
        ...shown.map(
          (field) =>
            `  { key: '${field.name}', header: '${kebab(field.name).replace(/-/g, ' ')}', width: ${random.int(6, 30) * 10}${
              field.type === 'Date'
                ? `, format: (row) => row.${field.name}.toISOString().slice(0, 10)`
                : field.type === 'string[]'
                  ? `, format: (row) => row.${field.name}.join(', ')`
                  : ''
            } },`,
        ),
        '];',
      ],
      tail: [],
      filler: { kind: 'function', target: summary, weight: 0.6 },
      body: [],
    },
    fixedFile(`${dir}/index.ts`, [
      `export { ${E}AdminClient, type ${E}Summary } from './${k}.client';`,
      `export { ${c}Columns } from './${k}.columns';`,
      `export { ${E}Store } from './${k}.store';`,
    ]),
  ];
}

/** A background job: job class, processor, test. */
export function workerDomainFiles(domain: Domain, random: Random): GeneratedFile[] {
  const { name: E, kebab: k, label, fields } = domain;
  const payload: SnippetTarget = { type: `${E}Payload`, label, fields };
  const root = 'apps/worker/src';
  const numeric = fields.find((field) => field.type === 'number');
  return [
    {
      path: `${root}/jobs/${k}.job.ts`,
      head: [
        "import { Logger } from '@bench/shared';",
        `import { process${E} } from '../processors/${k}.processor';`,
        "import { QUEUE_NAMES } from '../queues/queue-names';",
        '',
        `export interface ${E}Payload {`,
        '  id: string;',
        ...fields.map((field) => `  ${field.name}: ${tsType(field)};`),
        '}',
        '',
        ...lines(`
          export class ${E}SyncJob {
            static readonly queue = QUEUE_NAMES.${random.pick(['default', 'bulk', 'priority'])};
            private readonly logger = new Logger('${E}SyncJob');

            async run(payloads: readonly ${E}Payload[]): Promise<number> {
              let succeeded = 0;
              for (const payload of payloads) {
                try {
                  await process${E}(payload);
                  succeeded += 1;
                } catch (error) {
                  this.logger.warn('failed to process ${label}', { id: payload.id, error: String(error) });
                }
              }
              return succeeded;
            }
        `),
      ],
      tail: ['}'],
      filler: { kind: 'method', target: payload, weight: 1 },
      body: [],
    },
    {
      path: `${root}/processors/${k}.processor.ts`,
      head: [
        `import type { ${E}Payload } from '../jobs/${k}.job';`,
        '',
        `export async function process${E}(payload: ${E}Payload): Promise<void> {`,
        "  if (payload.id === '') {",
        `    throw new Error('${label} payload without id');`,
        '  }',
        ...(numeric
          ? [`  if (payload.${numeric.name} < 0) {`, `    throw new Error('negative ${numeric.name}');`, '  }']
          : []),
        `  await new Promise((resolve) => setTimeout(resolve, ${random.int(1, 20)}));`,
        '}',
      ],
      tail: [],
      filler: { kind: 'function', target: payload, weight: 1 },
      body: [],
    },
    fixedFile(`${root}/jobs/${k}.job.spec.ts`, [
      "import { describe, expect, it } from 'vitest';",
      `import { ${E}SyncJob } from './${k}.job';`,
      '',
      `describe('${E}SyncJob', () => {`,
      "  it('counts processed payloads', async () => {",
      `    const job = new ${E}SyncJob();`,
      `    const processed = await job.run([{ id: 'one', ${fields.map((field) => `${field.name}: ${sampleValue(field, random)}`).join(', ')} }]);`,
      '    expect(processed).toBe(1);',
      '  });',
      '});',
    ]),
  ];
}

function cell(field: SnippetField): string {
  switch (field.type) {
    case 'Date':
      return `row.${field.name}.toLocaleDateString()`;
    case 'string[]':
      return `row.${field.name}.join(', ')`;
    case 'boolean':
      return `row.${field.name} ? 'yes' : 'no'`;
    default:
      return `row.${field.name}`;
  }
}

/** A React component folder: data hook, list, form, barrel. */
export function webDomainFiles(domain: Domain, random: Random): GeneratedFile[] {
  const { name: E, kebab: k, label, fields, dir } = domain;
  const row: SnippetTarget = { type: `${E}Row`, label, fields };
  const columns = random.sample(fields, random.int(2, Math.min(5, fields.length)));
  const editable = fields.filter((field) => field.type === 'string').slice(0, 4);
  return [
    {
      path: `${dir}/use${E}.ts`,
      head: [
        "import { useEffect, useState } from 'react';",
        "import { apiGet } from '../../api/http';",
        '',
        `export interface ${E}Row {`,
        '  id: string;',
        ...fields.map((field) => `  ${field.name}: ${tsType(field)};`),
        '}',
        '',
        ...lines(`
          export function use${E}(page = 1): { rows: ${E}Row[]; loading: boolean; error: Error | undefined } {
            const [rows, setRows] = useState<${E}Row[]>([]);
            const [loading, setLoading] = useState(true);
            const [error, setError] = useState<Error | undefined>(undefined);
            useEffect(() => {
              let cancelled = false;
              setLoading(true);
              apiGet<${E}Row[]>(\`/api/${plural(k)}?page=\${page}\`)
                .then((result) => {
                  if (!cancelled) setRows(result);
                })
                .catch((reason: unknown) => {
                  if (!cancelled) setError(reason instanceof Error ? reason : new Error(String(reason)));
                })
                .finally(() => {
                  if (!cancelled) setLoading(false);
                });
              return () => {
                cancelled = true;
              };
            }, [page]);
            return { rows, loading, error };
          }
        `),
      ],
      tail: [],
      filler: { kind: 'function', target: row, weight: 1 },
      body: [],
    },
    {
      path: `${dir}/${E}List.tsx`,
      head: [
        "import { useMemo, useState } from 'react';",
        `import { use${E}, type ${E}Row } from './use${E}';`,
        '',
        `export interface ${E}ListProps {`,
        '  title?: string;',
        '  pageSize?: number;',
        `  onSelect?: (row: ${E}Row) => void;`,
        '}',
        '',
        `export function ${E}List({ title = '${label}', pageSize = ${random.pick([10, 20, 50])}, onSelect }: ${E}ListProps) {`,
        `  const { rows, loading, error } = use${E}();`,
        '  const [page, setPage] = useState(0);',
        '  const visible = useMemo(() => rows.slice(page * pageSize, (page + 1) * pageSize), [rows, page, pageSize]);',
        '  if (loading) {',
        '    return <p className="loading">Loading {title}…</p>;',
        '  }',
        '  if (error) {',
        '    return <p role="alert">{error.message}</p>;',
        '  }',
        '  return (',
        '    <section>',
        '      <h2>{title}</h2>',
        '      <table>',
        '        <thead>',
        '          <tr>',
        '            <th>ID</th>',
        ...columns.map((field) => `            <th>${kebab(field.name).replace(/-/g, ' ')}</th>`),
        '          </tr>',
        '        </thead>',
        '        <tbody>',
        '          {visible.map((row) => (',
        '            <tr key={row.id} onClick={() => onSelect?.(row)}>',
        '              <td>{row.id}</td>',
        ...columns.map((field) => `              <td>{${cell(field)}}</td>`),
        '            </tr>',
        '          ))}',
        '        </tbody>',
        '      </table>',
        '      <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>',
        '        Previous',
        '      </button>',
        '      <button type="button" onClick={() => setPage(page + 1)}>',
        '        Next',
        '      </button>',
        '    </section>',
        '  );',
        '}',
      ],
      tail: [],
      filler: { kind: 'function', target: row, weight: 0.8 },
      body: [],
    },
    fixedFile(`${dir}/${E}Form.tsx`, [
      "import { useState, type FormEvent } from 'react';",
      `import type { ${E}Row } from './use${E}';`,
      '',
      `export interface ${E}FormProps {`,
      `  initial?: Partial<${E}Row>;`,
      `  onSubmit: (values: Partial<${E}Row>) => void;`,
      '}',
      '',
      `export function ${E}Form({ initial = {}, onSubmit }: ${E}FormProps) {`,
      editable.length > 0
        ? `  const [values, setValues] = useState<Partial<${E}Row>>(initial);`
        : `  const [values] = useState<Partial<${E}Row>>(initial);`,
      '  const submit = (event: FormEvent) => {',
      '    event.preventDefault();',
      '    onSubmit(values);',
      '  };',
      '  return (',
      '    <form onSubmit={submit}>',
      ...editable.flatMap((field) => [
        '      <label>',
        `        ${kebab(field.name).replace(/-/g, ' ')}`,
        `        <input value={values.${field.name} ?? ''} onChange={(event) => setValues({ ...values, ${field.name}: event.target.value })} />`,
        '      </label>',
      ]),
      '      <button type="submit">Save</button>',
      '    </form>',
      '  );',
      '}',
    ]),
    fixedFile(`${dir}/index.ts`, [
      `export { ${E}Form } from './${E}Form';`,
      `export { ${E}List } from './${E}List';`,
      `export { use${E}, type ${E}Row } from './use${E}';`,
    ]),
  ];
}
