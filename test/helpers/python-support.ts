import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from './run-cli.js';

/**
 * Whether the built `bin/ssot.js` audits Python: asked of the real CLI, not assumed. A project
 * holding one `.py` file is audited; a front end that reads Python counts the file in the JSON
 * summary, one that does not sees an empty project. The Python fixture tests run only when it
 * does, so they stay skipped (not red) until the Python front end lands, and run by themselves
 * once it has. A CLI that crashes on the probe throws: a broken front end is no reason to skip.
 */
function detectPythonSupport(): boolean {
  const project = mkdtempSync(path.join(tmpdir(), 'ssot-python-probe-'));
  try {
    writeFileSync(path.join(project, 'probe.py'), 'def probe() -> int:\n    return 1\n');
    const run = runCli(['audit', project, '--format', 'json', '--no-cache']);
    // A CLI that fails on one trivial file is broken, not unsupported: that must be loud, not a skip.
    if (run.code !== 0 && run.code !== 1)
      throw new Error(`ssot audit of a one-file Python project exited ${run.code}: ${run.stderr}`);
    const report = JSON.parse(run.stdout) as { summary?: { files?: number } };
    return (report.summary?.files ?? 0) > 0;
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}

export const pythonSupported = detectPythonSupport();
