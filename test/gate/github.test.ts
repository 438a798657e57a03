import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/progress.js';
import { runCli } from '../helpers/run-cli.js';
import { tempProject } from '../helpers/temp-project.js';

describe('where reviewers look', () => {
  it('prints workflow annotations and appends a Markdown job summary', () => {
    const root = tempProject({ 'src/a,b.ts': "export const s = process.env.JWT_SECRET || 'dev-secret';\n" });
    const summary = path.join(tempProject({}), 'summary.md');
    writeFileSync(summary, '# earlier step\n');
    const run = runCli(['audit', root, '--format', 'github'], { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')[0]).toBe(
      "::error file=src/a%2Cb.ts,line=1,col=44,endLine=1,endColumn=56,title=ssot/no-auth-bypass::The JWT secret falls back to a literal ('dev-…') when the variable is missing, so a misconfigured deployment accepts tokens anyone can mint. Fail at start-up instead.",
    );
    const written = readFileSync(summary, 'utf8');
    expect(written.startsWith('# earlier step\n')).toBe(true);
    expect(written).toContain('ssot/no-auth-bypass');
  });
});

describe('the progress line', () => {
  function fakeStream(isTTY: boolean) {
    const writes: string[] = [];
    return { stream: { isTTY, write: (text: string) => writes.push(text) } as unknown as NodeJS.WriteStream, writes };
  }

  it('draws on a TTY once the audit has run longer than the delay, and clears itself', () => {
    const { stream, writes } = fakeStream(true);
    const progress = createProgress(stream, 'ssot: parsing', 0);
    progress.update(5, 10);
    progress.done();
    expect(writes[0]).toBe('\rssot: parsing [###############---------------] 5/10 files');
    expect(writes.at(-1)).toBe('\r\u001b[2K');
  });

  it('stays silent off a TTY and for quick runs', () => {
    const pipe = fakeStream(false);
    createProgress(pipe.stream, 'x', 0).update(1, 2);
    const quick = fakeStream(true);
    const progress = createProgress(quick.stream, 'x', 60_000);
    progress.update(1, 2);
    progress.done();
    expect(pipe.writes).toEqual([]);
    expect(quick.writes).toEqual([]);
  });
});
