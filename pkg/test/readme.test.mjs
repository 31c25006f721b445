// Runs every ```js example of README.md as written: a statement followed by
// a line `// → value` becomes an assertion that the statement's value deep
// equals `value`. Each example runs in its own module importing "beian".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);

/** The example with each `expr; // → value` pair turned into an assertion. */
function checked(code) {
  const lines = code.split('\n');
  const out = ["import __assert from 'node:assert/strict';"];
  let asserts = 0;
  for (let i = 0; i < lines.length; i++) {
    const next = lines[i + 1]?.match(/^\/\/ → (.*)$/);
    if (next) {
      const expr = lines[i].replace(/;\s*(\/\/.*)?$/, '');
      out.push(`__assert.deepStrictEqual((${expr}), (${next[1]}), ${JSON.stringify(lines[i])});`);
      asserts++;
      i++;
    } else {
      out.push(lines[i]);
    }
  }
  return { code: out.join('\n'), asserts };
}

test('the README has examples with results', () => {
  assert.ok(blocks.length >= 5);
});

blocks.forEach((block, n) => {
  test(`README example ${n + 1}: ${block.split('\n')[0]}`, async () => {
    const { code, asserts } = checked(block);
    assert.ok(asserts > 0, 'an example without any // → result');
    // Next to the package, so that "beian" resolves to it.
    const file = new URL(`./readme-example-${n + 1}.tmp.mjs`, import.meta.url);
    writeFileSync(file, code);
    try {
      await import(pathToFileURL(file.pathname).href);
    } finally {
      rmSync(file, { force: true });
    }
  });
});
