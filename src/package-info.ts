import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The installed package's root, found from this module so it works from `src/` (tests) and `dist/src/` alike. */
export const packageRoot: string = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

const manifest = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  homepage: string;
  repository: { url: string };
};

export const TOOL = { name: manifest.name, version: manifest.version } as const;

/** The repository's web address, from package.json `repository` (`git+https://….git`): named once, there. */
export const REPOSITORY_URL: string = manifest.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');

export const HOMEPAGE_URL: string = manifest.homepage;

/**
 * A file of this repository as this version released it: its blob URL at the release tag
 * (`v<version>`; the packages are versioned in lockstep), so a rule's docs URL shows the docs of
 * the installed version, the same page that ships in the package.
 */
export function repositoryFileUrl(file: string): string {
  return `${REPOSITORY_URL}/blob/v${manifest.version}/${file}`;
}

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'package.json');
    if (
      existsSync(candidate) &&
      (JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === 'ssot-lint'
    )
      return dir;
    if (path.dirname(dir) === dir) throw new Error(`ssot-lint: cannot find the package root above ${start}`);
  }
}
