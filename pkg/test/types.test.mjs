// The TypeScript declarations type-check a usage file in strict mode
// (including `@ts-expect-error` lines that must stay errors), for `beian`
// and `beian/flow`, `beian/batch` (re-exported from beian-flow and
// beian-batch) and those two packages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const tsc = fileURLToPath(new URL('../../.ci/node/node_modules/.bin/tsc', import.meta.url));

test('declarations type-check a strict usage file', () => {
  assert.ok(existsSync(`${pkg}/dist/beian_wasm.d.ts`), 'build the package first: sh pkg/scripts/build.sh');
  assert.ok(existsSync(tsc), 'tsc missing: run bash .ci/setup');
  try {
    execFileSync(tsc, [
      '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext',
      '--moduleResolution', 'nodenext', '--skipLibCheck', 'false', 'test/usage.ts',
    ], { cwd: pkg, encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    assert.fail(`tsc reported errors:\n${e.stdout}${e.stderr}`);
  }
});
