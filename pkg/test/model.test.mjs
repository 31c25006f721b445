// Issue 19: the filing model is written once, in crates/beian-rules/src/model.rs.
// The TypeScript declarations (tsify) and the JSON Schema (schemars) are
// both generated from it: each interface has exactly the properties of its
// JSON Schema object, each name type exactly the names of its schema enum.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const dts = `${pkg}/dist/beian_wasm.d.ts`;

/** The property names of `export interface name { ... }` in `text`. */
function interfaceKeys(text, name) {
  const m = text.match(new RegExp(`^export interface ${name} \\{\\n([\\s\\S]*?)^\\}`, 'm'));
  assert.ok(m, `no interface ${name}`);
  return [...m[1].matchAll(/^ {4}(\w+)\??:/gm)].map((k) => k[1]).sort();
}

/** The strings of `export type name = "a" | "b";` in `text`. */
function unionNames(text, name) {
  const m = text.match(new RegExp(`^export type ${name} = (.*);$`, 'm'));
  assert.ok(m, `no type ${name}`);
  return [...m[1].matchAll(/"([^"]*)"/g)].map((k) => k[1]).sort();
}

test('TypeScript types and JSON Schema have the same properties and names', () => {
  assert.ok(existsSync(dts), 'build the package first: sh pkg/scripts/build.sh');
  const text = readFileSync(dts, 'utf8');
  const schema = JSON.parse(readFileSync(`${pkg}/filing.schema.json`, 'utf8'));
  const objects = { Filing: schema, ...schema.$defs };
  let structs = 0;
  let enums = 0;
  for (const [name, def] of Object.entries(objects)) {
    if (def.properties) {
      assert.deepEqual(interfaceKeys(text, name), Object.keys(def.properties).sort(), name);
      structs += 1;
    } else if (def.oneOf) {
      const names = def.oneOf.map((v) => v.const).sort();
      assert.ok(names.every((n) => typeof n === 'string'), name);
      assert.deepEqual(unionNames(text, name), names, name);
      enums += 1;
    }
  }
  // Filing, Subject, Person, Website, Access, PreApproval, Attachment;
  // SubjectType, DocumentType, ResponsiblePersonRole, ContentCategory,
  // AttachmentKind, AccessMethod.
  assert.equal(structs, 7);
  assert.equal(enums, 6);
  // One spelling, British, for every name.
  assert.doesNotMatch(JSON.stringify(schema), /organiz|authoriz|"[a-z_]*license/i);
});
