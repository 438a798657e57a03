import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { rules } from '../../src/index.js';
import { REPOSITORY_URL } from '../../src/package-info.js';
import { RULES } from '../../src/rules/registry.js';
import { fixturesRoot } from '../helpers/fixtures.js';
import { repositoryRoot, runCli } from '../helpers/run-cli.js';

interface Manifest {
  name: string;
  version: string;
  license: string;
  homepage: string;
  bugs: { url: string };
  repository: { type: string; url: string; directory?: string };
}

const PACKAGE_DIRECTORIES = ['.', 'packages/auth-core'];
const manifests = PACKAGE_DIRECTORIES.map(
  (directory) => JSON.parse(readFileSync(path.join(repositoryRoot, directory, 'package.json'), 'utf8')) as Manifest,
);
const version = manifests[0]!.version;
const releaseBase = `${REPOSITORY_URL}/blob/v${version}/`;

/** The repository file a URL of this repository names at the release tag, or a failure naming the URL. */
function repositoryFileOf(url: string): string {
  expect(url.startsWith(releaseBase), `${url} is not a file of ${releaseBase}`).toBe(true);
  const file = decodeURIComponent(url.slice(releaseBase.length).replace(/#.*$/, ''));
  expect(existsSync(path.join(repositoryRoot, file)), `${url}: ${file} does not exist in the repository`).toBe(true);
  return file;
}

describe('the published packages say where they live', () => {
  it.each(PACKAGE_DIRECTORIES.map((directory, index) => [directory, manifests[index]!]))(
    '%s: MIT with its LICENSE file, repository, homepage and bugs in this repository',
    (directory, manifest) => {
      expect(manifest.license).toBe('MIT');
      const license = readFileSync(path.join(repositoryRoot, directory, 'LICENSE'), 'utf8');
      expect(license.startsWith('MIT License\n\nCopyright (c) 2026 ssot-lint contributors\n')).toBe(true);
      expect(manifest.repository.type).toBe('git');
      expect(manifest.repository.url).toBe(`git+${REPOSITORY_URL}.git`);
      expect(manifest.repository.directory ?? '.').toBe(directory);
      expect(manifest.homepage.startsWith(REPOSITORY_URL)).toBe(true);
      expect(manifest.bugs.url).toBe(`${REPOSITORY_URL}/issues`);
    },
  );

  it('versions the packages in lockstep, so one release tag names the docs of both', () => {
    expect(new Set(manifests.map((manifest) => manifest.version))).toEqual(new Set([version]));
  });
});

describe('docs URLs point at files of the release', () => {
  it("every rule's meta.docs.url and registry docsUrl is its docs/rules page at the version tag", () => {
    for (const meta of RULES) {
      expect(rules[meta.name].meta.docs!.url).toBe(meta.docsUrl);
      expect(repositoryFileOf(meta.docsUrl)).toBe(`docs/rules/${meta.name}.md`);
    }
  });

  it('SARIF helpUri, the help text and the links inside help.markdown name files that exist', () => {
    const run = runCli(['audit', path.join(fixturesRoot, 'incident'), '--format', 'sarif']);
    expect(run.code).toBe(1);
    const descriptors = (JSON.parse(run.stdout) as Log).runs[0]!.tool.driver.rules ?? [];
    expect(descriptors.map((descriptor) => descriptor.id)).toEqual(RULES.map((meta) => meta.id));
    let links = 0;
    for (const descriptor of descriptors) {
      const meta = RULES.find((candidate) => candidate.id === descriptor.id)!;
      expect(descriptor.helpUri).toBe(meta.docsUrl);
      expect(descriptor.help?.text).toContain(meta.docsUrl);
      // The docs pages link to each other and to the auth core's README; made absolute, each must land on a file.
      for (const [, url] of (descriptor.help?.markdown ?? '').matchAll(/\]\((https:\/\/github\.com\/[^)\s]+)\)/g)) {
        repositoryFileOf(url!);
        links++;
      }
    }
    expect(links, 'the docs pages do link into the repository').toBeGreaterThan(0);
  });

  it('the markdown report links the paths documentation at the version tag', () => {
    const run = runCli(['audit', path.join(fixturesRoot, 'incident'), '--format', 'markdown']);
    const urls = [...run.stdout.matchAll(/\]\((https:\/\/github\.com\/[^)\s]+)\)/g)].map((match) => match[1]!);
    expect(urls).toContain(`${releaseBase}docs/paths.md`);
    for (const url of urls) repositoryFileOf(url);
  });
});
