/**
 * The Python share of the generated repository: one FastAPI service beside the TypeScript apps,
 * the shape teams run next to a TypeScript front end. Domains of four modules each (models,
 * repository, service, router behind the service's auth core), filled to their share of the line
 * budget, and planted violations of every rule modelled on the seeds' Python backend: two drifting
 * context classes one WebSocket module loads together, a copy of a canonical class imported by
 * mistake, a WebSocket authenticator with its own JWT path, secret, environment branch, bypass
 * header and `verify_signature: False`, and a script with the E2E secret.
 */
import { type GeneratedFile, type Plant, fixedFile, lines } from './model.js';
import { DOMAIN_NOUNS, DOMAIN_PREFIXES, FIELDS, type FieldType, snake } from './names.js';
import type { Random } from './random.js';

export const PYTHON_SERVICE = 'services/ledger';
export const PYTHON_AUTH_CORE_GLOB = `${PYTHON_SERVICE}/app/auth_core/**`;
export const PYTHON_CANONICAL = { PlanLimits: `${PYTHON_SERVICE}/app/plans/limits.py` } as const;
export const PYTHON_FILE = /\.py$/;

const FILES_PER_DOMAIN = 5;
const PYTHON_TYPES: Record<FieldType, string> = {
  string: 'str',
  number: 'float',
  boolean: 'bool',
  Date: 'datetime',
  'string[]': 'list[str]',
};
const DEFAULTS: Record<FieldType, string> = {
  string: '""',
  number: '0.0',
  boolean: 'False',
  Date: 'field(default_factory=lambda: datetime.now(timezone.utc))',
  'string[]': 'field(default_factory=list)',
};

interface PythonDomain {
  /** PascalCase class stem, e.g. `BillingEntry`. */
  name: string;
  /** snake_case package, e.g. `billing_entry`. */
  module: string;
  fields: { name: string; type: FieldType }[];
}

/** The default Python share: a tenth of the TypeScript file count. */
export function defaultPythonFiles(files: number): number {
  return Math.round(files / 10);
}

/** At least `fileTarget` Python files of about `lineTarget` lines in all (none when `fileTarget` is 0). */
export function pythonServiceFiles(
  random: Random,
  fileTarget: number,
  lineTarget: number,
): { files: GeneratedFile[]; plants: Plant[] } {
  if (fileTarget === 0) return { files: [], plants: [] };
  const plants: Plant[] = [];
  const planted = plantedPythonFiles(plants);
  const fixed = [...infrastructureFiles(), ...planted];
  const fixedPython = fixed.filter((file) => PYTHON_FILE.test(file.path)).length + 1; // + app/main.py
  const domainCount = Math.max(1, Math.ceil((fileTarget - fixedPython) / FILES_PER_DOMAIN));
  const domains = buildDomains(random.fork('python-domains'), domainCount);
  const routerImports = domains.map((domain) => `from app.${domain.module} import router as ${domain.module}_router`);
  const files = [...fixed, mainFile(routerImports, domains), ...domains.flatMap((domain) => domainFiles(domain))];
  fillToBudget(files, random.fork('python-filler'), lineTarget);
  return { files, plants };
}

function buildDomains(random: Random, count: number): PythonDomain[] {
  const names = random.shuffle(DOMAIN_PREFIXES.flatMap((prefix) => DOMAIN_NOUNS.map((noun) => `${prefix}${noun}`)));
  if (count > names.length) throw new Error(`--python-files is too large for the ${names.length} domain names`);
  return names.slice(0, count).map((name) => ({
    name,
    module: snake(name),
    fields: random.sample(FIELDS, random.int(4, 8)).map((field) => ({ name: snake(field.name), type: field.type })),
  }));
}

const inService = (relative: string) => `${PYTHON_SERVICE}/${relative}`;

function infrastructureFiles(): GeneratedFile[] {
  return [
    fixedFile(
      inService('pyproject.toml'),
      lines(`
      [project]
      name = "ledger-service"
      version = "0.1.0"
      requires-python = ">=3.11"
      dependencies = ["fastapi", "pydantic-settings", "pyjwt"]
      `),
    ),
    fixedFile(inService('app/__init__.py'), []),
    fixedFile(
      inService('app/config.py'),
      lines(`
      from pydantic_settings import BaseSettings


      class Settings(BaseSettings):
          environment: str = "development"
          port: int = 8000
          page_size: int = 50


      settings = Settings()
      `),
    ),
    fixedFile(inService('app/core/__init__.py'), []),
    fixedFile(
      inService('app/core/logging.py'),
      lines(`
      import logging

      from app.config import settings

      logger = logging.getLogger("ledger")

      # Not auth code: a production log format is a configuration difference, not an auth path.
      if settings.environment == "production":
          logging.basicConfig(level=logging.INFO, format='{"level": "%(levelname)s", "message": "%(message)s"}')
      else:
          logging.basicConfig(level=logging.DEBUG, format="[%(levelname)s] %(message)s")
      `),
    ),
    fixedFile(
      inService('app/auth_core/__init__.py'),
      lines(`
      from .core import AuthError, authenticate, require_user

      __all__ = ["AuthError", "authenticate", "require_user"]
      `),
    ),
    fixedFile(
      inService('app/auth_core/core.py'),
      lines(`
      import os
      from typing import Any, Mapping

      import jwt
      from fastapi import HTTPException, Request


      class AuthError(Exception):
          pass


      def authenticate(headers: Mapping[str, str]) -> dict[str, Any]:
          """The service's one verification path, for HTTP requests and WebSocket handshakes alike."""
          scheme, _, credential = headers.get("authorization", "").partition(" ")
          if scheme.lower() != "bearer" or not credential:
              raise AuthError("a bearer token is required")
          try:
              return jwt.decode(credential, os.environ["JWT_SECRET_KEY"], algorithms=["HS256"], audience="ledger")
          except jwt.InvalidTokenError as exc:
              raise AuthError(str(exc)) from exc


      async def require_user(request: Request) -> dict[str, Any]:
          try:
              return authenticate(request.headers)
          except AuthError as exc:
              raise HTTPException(status_code=401, detail=str(exc)) from exc
      `),
    ),
  ];
}

function mainFile(routerImports: string[], domains: readonly PythonDomain[]): GeneratedFile {
  return fixedFile(inService('app/main.py'), [
    'from fastapi import FastAPI',
    '',
    'from app.websocket.handlers import router as websocket_router',
    ...routerImports,
    '',
    'app = FastAPI(title="ledger service")',
    'app.include_router(websocket_router)',
    ...domains.map((domain) => `app.include_router(${domain.module}_router)`),
  ]);
}

function domainFiles(domain: PythonDomain): GeneratedFile[] {
  const { name, module } = domain;
  const dir = inService(`app/${module}`);
  const fieldLines = domain.fields.map(
    (field) => `    ${field.name}: ${PYTHON_TYPES[field.type]} = ${DEFAULTS[field.type]}`,
  );
  const fillable = (file: string, head: string[], weight: number): GeneratedFile => ({
    path: `${dir}/${file}`,
    head,
    tail: [],
    filler: { kind: 'method', target: { type: name, label: module.replace(/_/g, ' '), fields: domain.fields }, weight },
    body: [],
  });
  return [
    fixedFile(`${dir}/__init__.py`, ['from .router import router', '', '__all__ = ["router"]']),
    fixedFile(`${dir}/models.py`, [
      'from dataclasses import asdict, dataclass, field',
      'from datetime import datetime, timezone',
      'from typing import Any',
      '',
      '',
      '@dataclass',
      `class ${name}:`,
      '    id: str',
      ...fieldLines,
      '',
      '    def to_dict(self) -> dict[str, Any]:',
      '        return asdict(self)',
    ]),
    fillable(
      'repository.py',
      [
        'from datetime import datetime',
        '',
        `from .models import ${name}`,
        '',
        '',
        `class ${name}Repository:`,
        `    """In-memory store of ${name} records, keyed by id."""`,
        '',
        '    def __init__(self) -> None:',
        `        self._rows: dict[str, ${name}] = {}`,
        '',
        `    def add(self, record: ${name}) -> ${name}:`,
        '        self._rows[record.id] = record',
        '        return record',
        '',
        `    def find(self, record_id: str) -> ${name} | None:`,
        '        return self._rows.get(record_id)',
        '',
        `    def all(self) -> list[${name}]:`,
        '        return list(self._rows.values())',
      ],
      1,
    ),
    fillable(
      'service.py',
      [
        'from datetime import datetime',
        '',
        `from .models import ${name}`,
        `from .repository import ${name}Repository`,
        '',
        '',
        `class ${name}Service:`,
        `    def __init__(self, repository: ${name}Repository | None = None) -> None:`,
        `        self.repository = repository or ${name}Repository()`,
        '',
        `    def create(self, record: ${name}) -> ${name}:`,
        '        return self.repository.add(record)',
        '',
        `    def list(self) -> list[${name}]:`,
        '        return self.repository.all()',
      ],
      2,
    ),
    fixedFile(
      `${dir}/router.py`,
      lines(`
      from typing import Any

      from fastapi import APIRouter, Depends, HTTPException

      from app.auth_core import require_user

      from .models import ${name}
      from .service import ${name}Service

      router = APIRouter(prefix="/api/${module.replace(/_/g, '-')}")
      service = ${name}Service()


      @router.get("")
      async def list_${module}(user: dict[str, Any] = Depends(require_user)) -> list[dict[str, Any]]:
          return [record.to_dict() for record in service.list()]


      @router.get("/{record_id}")
      async def read_${module}(record_id: str, user: dict[str, Any] = Depends(require_user)) -> dict[str, Any]:
          record = service.repository.find(record_id)
          if record is None:
              raise HTTPException(status_code=404, detail="not found")
          return record.to_dict()


      @router.post("")
      async def create_${module}(body: dict[str, Any], user: dict[str, Any] = Depends(require_user)) -> dict[str, Any]:
          return service.create(${name}(**body)).to_dict()
      `),
    ),
  ];
}

/** Methods on the repositories and services until the Python files reach their line budget. */
function fillToBudget(files: GeneratedFile[], random: Random, lineTarget: number): void {
  const fillable = files.filter((file) => file.filler);
  const base = files.reduce((sum, file) => sum + file.head.length + file.tail.length, 0);
  const deficit = Math.max(0, lineTarget - base);
  const shares = fillable.map((file) => file.filler!.weight * (0.4 + random.next() * 1.2));
  const total = shares.reduce((sum, share) => sum + share, 0);
  fillable.forEach((file, index) => {
    const quota = total === 0 ? 0 : (deficit * shares[index]!) / total;
    const used = new Set<string>();
    const { type, fields } = file.filler!.target;
    while (file.body.length < quota) {
      const field = random.pick(fields);
      const template = random.pick(METHOD_TEMPLATES);
      let method = `${template.verb}_${field.name}`;
      for (let suffix = 2; used.has(method); suffix++) method = `${template.verb}_${field.name}_${suffix}`;
      used.add(method);
      file.body.push('', ...template.render(method, type, field.name, PYTHON_TYPES[field.type as FieldType]));
    }
  });
}

interface MethodTemplate {
  verb: string;
  render(method: string, model: string, field: string, fieldType: string): string[];
}

const METHOD_TEMPLATES: readonly MethodTemplate[] = [
  {
    verb: 'count_by',
    render: (method, model, field) => [
      `    def ${method}(self, records: list[${model}]) -> dict[str, int]:`,
      `        """How many records share each ${field.replace(/_/g, ' ')}."""`,
      '        counts: dict[str, int] = {}',
      '        for record in records:',
      `            key = str(record.${field})`,
      '            counts[key] = counts.get(key, 0) + 1',
      '        return counts',
    ],
  },
  {
    verb: 'filter_by',
    render: (method, model, field, fieldType) => [
      `    def ${method}(self, records: list[${model}], wanted: ${fieldType}) -> list[${model}]:`,
      `        return [record for record in records if record.${field} == wanted]`,
    ],
  },
  {
    verb: 'check',
    render: (method, model, field) => [
      `    def ${method}(self, record: ${model}) -> list[str]:`,
      '        problems: list[str] = []',
      `        value = record.${field}`,
      '        if value is None:',
      `            problems.append("${field} is required")`,
      '        elif isinstance(value, str) and not value.strip():',
      `            problems.append("${field} must not be blank")`,
      '        elif isinstance(value, list) and len(value) > 100:',
      `            problems.append("${field} has too many entries")`,
      '        return problems',
    ],
  },
  {
    verb: 'format',
    render: (method, model, field) => [
      `    def ${method}(self, record: ${model}) -> str:`,
      `        value = record.${field}`,
      '        if isinstance(value, datetime):',
      '            return value.isoformat()',
      '        if isinstance(value, list):',
      '            return ", ".join(str(item) for item in value)',
      '        return str(value)',
    ],
  },
  {
    verb: 'sort_by',
    render: (method, model, field) => [
      `    def ${method}(self, records: list[${model}], descending: bool = False) -> list[${model}]:`,
      `        return sorted(records, key=lambda record: str(record.${field}), reverse=descending)`,
    ],
  },
  {
    verb: 'group_by',
    render: (method, model, field) => [
      `    def ${method}(self, records: list[${model}]) -> dict[str, list[${model}]]:`,
      `        groups: dict[str, list[${model}]] = {}`,
      '        for record in records:',
      `            groups.setdefault(str(record.${field}), []).append(record)`,
      '        return groups',
    ],
  },
];

/** The Python plants; each says how many findings of which rule it should produce. */
function plantedPythonFiles(plants: Plant[]): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  const add = (relative: string, text: string, found: Omit<Plant, 'file'>[] = []) => {
    files.push(fixedFile(inService(relative), text === '' ? [] : lines(text)));
    for (const plant of found) plants.push({ file: inService(relative), ...plant });
  };
  for (const [folder, connection] of [
    ['models', 'websocket_connection_id'],
    ['services', 'websocket_client_id'],
  ] as const) {
    add(`app/${folder}/__init__.py`, '');
    add(
      `app/${folder}/tenant_context.py`,
      `
      from dataclasses import dataclass


      @dataclass(frozen=True)
      class TenantContext:
          tenant_id: str
          region: str
          plan: str
          ${connection}: str | None = None

          def describe(self) -> str:
              return f"{self.tenant_id}@{self.region} ({self.plan})"
      `,
      [
        {
          rule: 'no-duplicate-class',
          count: 1,
          what: `TenantContext in models/ and services/ (${connection}), both loaded by the WebSocket handlers (${folder} copy)`,
        },
      ],
    );
  }
  add('app/plans/__init__.py', '');
  add(
    'app/plans/limits.py',
    `
    from dataclasses import dataclass


    @dataclass(frozen=True)
    class PlanLimits:
        """The limits of a plan (canonical)."""

        max_seats: int
        max_projects: int
        storage_gb: float

        def allows_seats(self, seats: int) -> bool:
            return seats <= self.max_seats
    `,
  );
  add('app/legacy/__init__.py', '');
  add(
    'app/legacy/limits.py',
    `
    from dataclasses import dataclass


    @dataclass(frozen=True)
    class PlanLimits:
        seats: int
        projects: int

        def allows_seats(self, seats: int) -> bool:
            return seats <= self.seats
    `,
    [
      {
        rule: 'no-duplicate-class',
        count: 1,
        what: 'copy of the canonical PlanLimits (seats/projects vs max_seats/max_projects)',
      },
    ],
  );
  add(
    'app/plans/quota.py',
    `
    from app.legacy.limits import PlanLimits


    def seats_left(limits: PlanLimits, used: int) -> int:
        return max(0, limits.seats - used)
    `,
    [{ rule: 'canonical-import', count: 1, what: 'import of the PlanLimits copy from app.legacy.limits' }],
  );
  add('app/websocket/__init__.py', '');
  add(
    'app/websocket/ws_auth.py',
    `
    import os
    from typing import Any

    import jwt
    from fastapi import WebSocket


    def authenticate_socket(websocket: WebSocket) -> dict[str, Any] | None:
        """The WebSocket's own JWT path: E2E header, staging shortcut, its own secret."""
        token = websocket.query_params.get("token", "")
        if websocket.headers.get("x-e2e-test") == "true":
            return jwt.decode(token, options={"verify_signature": False})
        if os.environ.get("APP_ENV") == "staging":
            return None
        return jwt.decode(token, os.environ["JWT_SECRET"], algorithms=["HS256"])
    `,
    [
      { rule: 'single-jwt-path', count: 2, what: 'jwt.decode twice in the WebSocket authenticator (one unverified)' },
      { rule: 'no-auth-bypass', count: 2, what: 'x-e2e-test header read, and verify_signature: False' },
      { rule: 'no-env-branching-auth', count: 1, what: 'WebSocket authenticator branches on APP_ENV' },
      { rule: 'single-secret-source', count: 1, what: 'os.environ["JWT_SECRET"] read in the WebSocket authenticator' },
    ],
  );
  add(
    'app/websocket/handlers.py',
    `
    from fastapi import APIRouter, WebSocket

    from app.models.tenant_context import TenantContext as ModelTenantContext
    from app.services.tenant_context import TenantContext
    from app.websocket.ws_auth import authenticate_socket

    router = APIRouter()


    @router.websocket("/ws")
    async def tenant_socket(websocket: WebSocket) -> None:
        claims = authenticate_socket(websocket)
        if claims is None:
            await websocket.close(code=1008)
            return
        await websocket.accept()
        legacy = ModelTenantContext(tenant_id=claims["tenant"], region=claims.get("region", "eu"), plan="free")
        context = TenantContext(tenant_id=legacy.tenant_id, region=legacy.region, plan=legacy.plan)
        await websocket.send_json({"type": "connected", "context": context.describe()})
    `,
  );
  add(
    'scripts/seed_staging_users.py',
    `
    import jwt

    STAGING_USERS = ["staging-e2e-user-001", "staging-e2e-user-002"]

    for user in STAGING_USERS:
        print(jwt.encode({"sub": user, "tenant": "e2e"}, "staging-e2e-jwt-secret-for-testing", algorithm="HS256"))
    `,
    [{ rule: 'no-auth-bypass', count: 1, what: 'hard-coded E2E secret in a Python script' }],
  );
  return files;
}
