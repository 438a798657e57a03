import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempProject } from '../helpers/temp-project.js';

interface Report {
  findings: { ruleId: string; file: string; line: number; column: number; message: string }[];
  skipped: { file: string; reason: string }[];
  summary: { files: number };
}

function audit(root: string, ...args: string[]): Report {
  const run = runCli(['audit', root, '--format', 'json', '--no-cache', ...args]);
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as Report;
}

const BYPASS =
  'from fastapi import Request\n\n\ndef check(request: Request):\n    return request.headers.get("x-e2e-test")\n';

describe('Python files in ssot audit', () => {
  it('skips a file with a syntax error with its position, and audits the rest', () => {
    const root = tempProject({ 'app/broken.py': 'def broken(:\n    pass\n', 'app/ok.py': BYPASS });
    const report = audit(root);
    expect(report.skipped).toEqual([{ file: 'app/broken.py', reason: 'syntax error at 1:12: missing )' }]);
    expect(report.findings.map((finding) => finding.file)).toEqual(['app/ok.py']);
  });

  it('leaves out virtual environments, byte code, tool caches and generated migrations', () => {
    const root = tempProject({
      'app/ok.py': 'X = 1\n',
      '.venv/lib/site.py': BYPASS,
      'venv/lib/site.py': BYPASS,
      'python-env/pyvenv.cfg': 'home = /usr/bin\n',
      'python-env/lib/site.py': BYPASS,
      'app/__pycache__/ok.py': BYPASS,
      '.tox/py311/lib/x.py': BYPASS,
      'app/migrations/0001_initial.py': BYPASS,
      'alembic/versions/ab12_add_user.py': BYPASS,
      'db/revisions/env.py': 'X = 1\n',
      'db/revisions/versions/2021_09_16_add.py': BYPASS,
      'pkg.egg-info/x.py': BYPASS,
    });
    const report = audit(root);
    expect(report.findings).toEqual([]);
    expect(report.summary.files).toBe(2);
  });

  it('exempts pytest files (test_*.py, *_test.py, conftest.py, tests/) from the rules', () => {
    const root = tempProject({
      'test_auth.py': BYPASS,
      'app/auth_test.py': BYPASS,
      'conftest.py': BYPASS,
      'tests/helpers.py': BYPASS,
      'app/contest.py': BYPASS,
    });
    expect(audit(root).findings.map((finding) => finding.file)).toEqual(['app/contest.py']);
  });

  it('honours `# ssot: ignore[rule] -- reason` on the line and on the line before, for the named rule only', () => {
    const root = tempProject({
      'app/a.py': `from fastapi import Request


def check(request: Request):
    # ssot: ignore[no-auth-bypass] -- the E2E header is stripped at the edge
    first = request.headers.get("x-e2e-test")
    second = request.headers.get("x-test-mode")  # ssot: ignore[ssot/no-auth-bypass] -- same
    third = request.headers.get("x-bypass-auth")  # ssot: ignore[single-jwt-path] -- another rule
    fourth = "# ssot: ignore[no-auth-bypass]" + request.headers.get("x-skip-auth")
    return first, second, third, fourth
`,
    });
    expect(audit(root).findings.map((finding) => `${finding.line}`)).toEqual(['8', '9']);
  });

  it('resolves absolute, relative and src-layout imports: copies loaded together are found', () => {
    const context = (extra: string) =>
      `from dataclasses import dataclass\n\n\n@dataclass\nclass Context:\n    user_id: str\n    ${extra}: str\n    shared: str\n`;
    const root = tempProject({
      'src/shop/__init__.py': '',
      'src/shop/models/__init__.py': '',
      'src/shop/models/context.py': context('connection_id'),
      'src/shop/services/__init__.py': '',
      'src/shop/services/context.py': context('client_id'),
      'src/shop/services/extra.py': 'X = 1\n',
      'src/shop/api/__init__.py': '',
      'src/shop/api/ws.py': 'from ..models.context import Context\n',
      'src/shop/main.py': 'from shop.api import ws\nfrom shop.services.context import Context\n',
    });
    const files = audit(root).findings.map((finding) => `${finding.ruleId} ${finding.file}`);
    expect(files).toEqual([
      'ssot/no-duplicate-class src/shop/models/context.py',
      'ssot/no-duplicate-class src/shop/services/context.py',
    ]);
  });

  it('treats imports under `if TYPE_CHECKING:` as type-only: they load nothing', () => {
    const context = (extra: string) =>
      `class Context:\n    def ${extra}(self):\n        return 1\n\n    def shared(self):\n        return 2\n`;
    const root = tempProject({
      'app/__init__.py': '',
      'app/a/__init__.py': '',
      'app/a/context.py': context('first'),
      'app/a/other.py': 'X = 1\n',
      'app/b/__init__.py': '',
      'app/b/context.py': context('second'),
      'app/main.py':
        'from typing import TYPE_CHECKING\n\nfrom app.a.context import Context\n\nif TYPE_CHECKING:\n    from app.b.context import Context as Other\n',
    });
    expect(audit(root).findings).toEqual([]);
  });

  it('analyses names that hold themselves (`query = query.filter(...)`, `x = str(x)`) without exhausting the stack', () => {
    const root = tempProject({
      'app/service.py': `import os


def search(db_session, x):
    query = db_session.query(x)
    query = query.filter(x)
    environment = str(environment)
    if environment == "production":
        return query.all()
    return query.first()
`,
    });
    const report = audit(root);
    expect(report.skipped).toEqual([]);
    expect(report.summary.files).toBe(1);
  });

  it('audits a mixed repository in one run: TypeScript and Python findings in one report', () => {
    const root = tempProject({
      'web/src/session.ts':
        "import { jwtDecode } from 'jwt-decode';\nexport const claims = (t: string) => jwtDecode(t);\n",
      'api/app/deps.py':
        'import jwt\n\n\ndef user(token, key):\n    return jwt.decode(token, key, algorithms=["HS256"])\n',
    });
    const findings = audit(root).findings.map((finding) => `${finding.ruleId} ${finding.file}`);
    expect(findings).toEqual(['ssot/single-jwt-path api/app/deps.py', 'ssot/single-jwt-path web/src/session.ts']);
  });

  it('reads Python facts from the cache on a warm run, with the same findings', () => {
    const root = tempProject({ 'app/ok.py': BYPASS, 'app/b.py': 'Y = 2\n' });
    const cold = runCli(['audit', root]);
    const warm = runCli(['audit', root]);
    expect(cold.stdout).toMatch(/note: cache: parsed 2 of 2 files/);
    expect(warm.stdout).toMatch(/note: cache: parsed 0 of 2 files/);
    expect(warm.code).toBe(1);
    const stable = (text: string) => text.replace(/parsed \d+/, '').replace(/[\d.]+ m?s\b/g, '');
    expect(stable(warm.stdout)).toBe(stable(cold.stdout));
  });
});

describe('ssot paths on a FastAPI app', () => {
  it('follows a WebSocket endpoint through Depends() into the module that verifies the token', () => {
    const root = tempProject({
      'app/__init__.py': '',
      'app/core/__init__.py': '',
      'app/core/security.py':
        'import jwt\n\n\ndef decode_access_token(token, key):\n    return jwt.decode(token, key, algorithms=["HS256"])\n',
      'app/api.py': `from fastapi import APIRouter, Depends, WebSocket

from app.core import security

router = APIRouter()


def current_user(token: str):
    return security.decode_access_token(token, "k")


@router.websocket("/ws")
async def websocket_endpoint(websocket: WebSocket, user=Depends(current_user)):
    return user
`,
    });
    const run = runCli(['paths', root, '--no-cache']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(
      'entry   E1 WebSocket /ws (app/api.py:12) -> websocket_endpoint (app/api.py:13) -> current_user (app/api.py:8) -> decode_access_token (app/core/security.py:4)',
    );
    expect(run.stdout).toContain('uses    jwt.decode (app/core/security.py:5)');
  });
  it('follows Annotated dependency aliases imported from another module (`user: CurrentUser`)', () => {
    const root = tempProject({
      'app/__init__.py': '',
      'app/deps.py': `from typing import Annotated

import jwt
from fastapi import Depends


def get_current_user(token: str):
    return jwt.decode(token, "k", algorithms=["HS256"])


CurrentUser = Annotated[dict, Depends(get_current_user)]
`,
      'app/routes.py': `from fastapi import APIRouter

from app.deps import CurrentUser

router = APIRouter()


@router.get("/me")
def read_me(user: CurrentUser):
    return user
`,
    });
    const run = runCli(['paths', root, '--no-cache']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(
      'entry   E1 GET /me (app/routes.py:8) -> read_me (app/routes.py:9) -> CurrentUser (app/deps.py:11) -> get_current_user (app/deps.py:7)',
    );
    expect(run.stdout).toContain('0 unauthenticated');
  });
  it('shows where an isinstance check against one copy meets values built from the other', () => {
    const copy = (extra: string) =>
      `class Context:\n    def __init__(self, user_id):\n        self.user_id = user_id\n        self.${extra} = None\n`;
    const root = tempProject({
      'app/__init__.py': '',
      'app/models/__init__.py': '',
      'app/models/context.py': copy('connection_id'),
      'app/services/__init__.py': '',
      'app/services/context.py': copy('client_id'),
      'app/services/manager.py':
        'from app.services.context import Context\n\n\ndef create_manager(context):\n    if not isinstance(context, Context):\n        raise TypeError("context")\n    return context\n',
      'app/extractor.py':
        'from app.models.context import Context\n\n\nclass Extractor:\n    def extract(self, user_id):\n        return Context(user_id)\n',
      'app/routes.py': `from fastapi import APIRouter

from app.extractor import Extractor
from app.services.manager import create_manager

router = APIRouter()


@router.websocket("/ws")
async def endpoint(websocket):
    extractor = Extractor()
    return create_manager(extractor.extract("u"))
`,
    });
    const run = runCli(['paths', root, '--no-cache']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(
      '! instanceof Context at app/services/manager.py:5 (copy app/services/context.py) receives values built at app/extractor.py:6 (copy app/models/context.py); they meet in endpoint (app/routes.py:10)',
    );
  });
});
