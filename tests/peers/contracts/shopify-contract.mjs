#!/usr/bin/env node
// Contract check of the Shopify adapter's GraphQL documents against Shopify's
// Admin schema (shared/contracts/shopify, see its README). ctest runs it as
// tst_shopify_contract (tests/contracts/CMakeLists.txt); by hand:
//
//   node tests/peers/contracts/shopify-contract.mjs [--contracts DIR]
//        [--documents DIR] [--expect-invalid DIR] [--expect-valid DIR]
//
// Every document must
//  - parse and pass graphql-js validation against the 2025-09 dump extended
//    with admin-2026-changes.graphql;
//  - not use compareQuantity / ignoreCompareQuantity (removed in 2026-04) as
//    an argument, an input object field or a field, anywhere in it (variable
//    defaults included);
//  - put @idempotent(key:) on every inventoryAdjustQuantities /
//    inventorySetQuantities field (mandatory since 2026-04);
//  - if it is a bulk inner query (an anonymous query, the string handed to
//    bulkOperationRunQuery): select at least one connection, at most 5 in all,
//    nested at most 2 deep, and not start at `node` / `nodes`.
// Self-check: every fixture in --expect-invalid must be rejected, and for the
// reason its `# expect-error: TEXT` header names; every fixture in
// --expect-valid must pass.
//
// The contracts folder: --contracts, else $STORELOOM_CONTRACTS (a relative
// path is taken from the repository root), else <repo>/../shared/contracts.
// Absent: exit 77 (ctest SKIP_RETURN_CODE) with the reason, or exit 1 when
// CI=true. Exit 1 on any failure, 0 when everything holds.

import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const SKIP = 77;
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');

const FORBIDDEN = new Set(['compareQuantity', 'ignoreCompareQuantity']);
const NEEDS_IDEMPOTENT = new Set(['inventoryAdjustQuantities', 'inventorySetQuantities']);
const BULK_MAX_CONNECTIONS = 5;
const BULK_MAX_DEPTH = 2;

function parseArgs(argv) {
  const opts = {
    contracts: null,
    documents: path.join(repo, 'src/providers/shopify/graphql'),
    expectInvalid: path.join(repo, 'tests/contracts/bad'),
    expectValid: path.join(repo, 'tests/contracts/good'),
  };
  const names = {
    '--contracts': 'contracts', '--documents': 'documents',
    '--expect-invalid': 'expectInvalid', '--expect-valid': 'expectValid',
  };
  for (let i = 0; i < argv.length; i++) {
    const key = names[argv[i]];
    if (!key || i + 1 >= argv.length) {
      console.error(`usage: shopify-contract.mjs [${Object.keys(names).map((n) => `${n} DIR`).join('] [')}]`);
      process.exit(2);
    }
    opts[key] = path.resolve(argv[++i]);
  }
  return opts;
}

function contractsDir(explicit) {
  if (explicit) return {dir: explicit, from: '--contracts'};
  const env = process.env.STORELOOM_CONTRACTS;
  if (env) return {dir: path.resolve(repo, env), from: 'STORELOOM_CONTRACTS'};
  return {dir: path.resolve(repo, '../shared/contracts'), from: 'default <repo>/../shared/contracts'};
}

const isCI = () => /^(true|1)$/i.test(process.env.CI ?? '');

function graphqlFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith('.graphql')).sort()
    .map((f) => path.join(dir, f));
}

async function loadGraphql() {
  try {
    return await import('graphql');
  } catch (err) {
    if (err?.code !== 'ERR_MODULE_NOT_FOUND') throw err;
    console.error(`tst_shopify_contract: graphql is not installed in ${here}/node_modules; ` +
      'run scripts/test.sh (it runs npm ci there), or `npm ci --prefix tests/peers/contracts`.');
    process.exit(1);
  }
}

function main(opts) {
  const {dir, from} = contractsDir(opts.contracts);
  if (!fs.existsSync(dir)) {
    const reason = `contracts folder ${dir} (${from}) is absent`;
    if (isCI()) {
      console.error(`FAIL: ${reason}, and CI=true requires the contract check.`);
      return 1;
    }
    console.log(`SKIP: ${reason}; set STORELOOM_CONTRACTS to the shared contracts folder to run this check.`);
    return SKIP;
  }
  const baseFile = path.join(dir, 'shopify/admin-schema-2025-09-unstable.graphql');
  const changesFile = path.join(dir, 'shopify/admin-2026-changes.graphql');
  for (const f of [baseFile, changesFile]) {
    if (!fs.existsSync(f)) {
      console.error(`FAIL: ${f} is missing from the contracts folder ${dir}.`);
      return 1;
    }
  }

  const started = Date.now();
  let schema = gql.buildSchema(fs.readFileSync(baseFile, 'utf8'), {assumeValidSDL: true});
  // The extension is small: validate it against the dump (no assumeValidSDL),
  // so a change that no longer fits the dump fails loudly.
  schema = gql.extendSchema(schema, gql.parse(fs.readFileSync(changesFile, 'utf8')));
  console.log(`schema: ${path.relative(repo, baseFile)} + ${path.basename(changesFile)} ` +
    `(graphql ${gql.version}, ${Date.now() - started} ms)`);

  const check = (file) => checkDocument(schema, fs.readFileSync(file, 'utf8'));
  let failures = 0;

  const documents = graphqlFiles(opts.documents);
  if (documents.length === 0) {
    console.error(`FAIL: no .graphql documents in ${opts.documents}`);
    failures++;
  }
  for (const file of documents) {
    const {errors, notes} = check(file);
    const name = path.relative(repo, file);
    if (errors.length) {
      failures++;
      console.log(`FAIL ${name}: ${errors.join('; ')}`);
    } else {
      console.log(`ok   ${name}${notes.length ? ` (note: ${notes.join('; ')})` : ''}`);
    }
  }

  // Self-check: the checker still catches what it is there to catch.
  const bad = graphqlFiles(opts.expectInvalid);
  if (bad.length === 0) {
    console.error(`FAIL: no negative fixtures in ${opts.expectInvalid}`);
    failures++;
  }
  for (const file of bad) {
    const name = path.relative(repo, file);
    const text = fs.readFileSync(file, 'utf8');
    const expected = [...text.matchAll(/^#\s*expect-error:\s*(.+?)\s*$/gm)].map((m) => m[1]);
    const {errors} = check(file);
    if (expected.length === 0) {
      failures++;
      console.log(`FAIL ${name}: negative fixture without an "# expect-error: TEXT" header`);
    } else if (errors.length === 0) {
      failures++;
      console.log(`FAIL ${name}: accepted, but the check must reject it (${expected.join('; ')})`);
    } else {
      const missing = expected.filter((e) => !errors.some((err) => err.includes(e)));
      if (missing.length) {
        failures++;
        console.log(`FAIL ${name}: rejected, but not for "${missing.join('", "')}": ${errors.join('; ')}`);
      } else {
        console.log(`ok   ${name} rejected as expected: ${errors.join('; ')}`);
      }
    }
  }
  for (const file of graphqlFiles(opts.expectValid)) {
    const name = path.relative(repo, file);
    const {errors} = check(file);
    if (errors.length) {
      failures++;
      console.log(`FAIL ${name}: positive fixture rejected: ${errors.join('; ')}`);
    } else {
      console.log(`ok   ${name}`);
    }
  }

  console.log(failures
    ? `shopify contract: ${failures} failure(s)`
    : `shopify contract: ${documents.length} documents and ${bad.length} negative fixtures as expected`);
  return failures ? 1 : 0;
}

// "line:column " of an AST node, for messages.
function at(node) {
  if (!node?.loc?.source) return '';
  const {line, column} = gql.getLocation(node.loc.source, node.loc.start);
  return `${line}:${column} `;
}

function checkDocument(schema, text) {
  const errors = [];
  const notes = [];
  let doc;
  try {
    doc = gql.parse(text);
  } catch (err) {
    return {errors: [err.message.replace(/\s+/g, ' ')], notes};
  }
  for (const err of gql.validate(schema, doc)) {
    const loc = err.locations?.[0];
    errors.push(`${loc ? `${loc.line}:${loc.column} ` : ''}${err.message}`);
  }

  // 2026-04: compareQuantity / ignoreCompareQuantity are gone. graphql-js
  // cannot remove them from the dump, so look for them by name: arguments,
  // input object fields (literals and variable defaults) and selections.
  gql.visit(doc, {
    Argument(node) {
      if (FORBIDDEN.has(node.name.value)) errors.push(`${at(node)}argument ${node.name.value} was removed in 2026-04`);
    },
    ObjectField(node) {
      if (FORBIDDEN.has(node.name.value)) errors.push(`${at(node)}input field ${node.name.value} was removed in 2026-04`);
    },
    Field(node) {
      if (FORBIDDEN.has(node.name.value)) errors.push(`${at(node)}field ${node.name.value} was removed in 2026-04`);
      if (NEEDS_IDEMPOTENT.has(node.name.value)) {
        const directive = node.directives?.find((d) => d.name.value === 'idempotent');
        if (!directive?.arguments?.some((a) => a.name.value === 'key')) {
          errors.push(`${at(node)}${node.name.value} needs @idempotent(key:) since 2026-04`);
        }
      }
    },
  });
  // Variable values are the caller's: the document cannot show whether they
  // carry a removed field, so name the variables whose types could.
  for (const op of doc.definitions.filter((d) => d.kind === gql.Kind.OPERATION_DEFINITION)) {
    for (const v of op.variableDefinitions ?? []) {
      const type = gql.typeFromAST(schema, v.type);
      const carried = type && forbiddenFieldsReachable(gql.getNamedType(type));
      if (carried?.length) {
        notes.push(`$${v.variable.name.value} can carry ${carried.join('/')} at run time; the caller must not send them`);
      }
    }
  }

  const operations = doc.definitions.filter((d) => d.kind === gql.Kind.OPERATION_DEFINITION);
  const bulk = operations.length === 1 && !operations[0].name && operations[0].operation === 'query';
  if (bulk) errors.push(...checkBulk(schema, doc, operations[0]));
  return {errors, notes};
}

function forbiddenFieldsReachable(type, seen = new Set()) {
  if (!gql.isInputObjectType(type) || seen.has(type.name)) return [];
  seen.add(type.name);
  const found = [];
  for (const field of Object.values(type.getFields())) {
    if (FORBIDDEN.has(field.name)) found.push(`${type.name}.${field.name}`);
    found.push(...forbiddenFieldsReachable(gql.getNamedType(field.type), seen));
  }
  return found;
}

// Shopify's bulk query limits: at least one connection, at most five in all,
// connections nested at most two deep, no top-level node / nodes.
function checkBulk(schema, doc, op) {
  const errors = [];
  const fragments = Object.fromEntries(doc.definitions
    .filter((d) => d.kind === gql.Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const connections = [];

  const isConnection = (type) => gql.isObjectType(type) && type.name.endsWith('Connection') &&
    ('edges' in type.getFields() || 'nodes' in type.getFields());

  const walk = (selectionSet, parentType, trail, depth) => {
    for (const sel of selectionSet.selections) {
      if (sel.kind === gql.Kind.FIELD) {
        if (!gql.isObjectType(parentType) && !gql.isInterfaceType(parentType)) continue;
        const field = parentType.getFields()[sel.name.value];
        if (!field || !sel.selectionSet) continue;
        const type = gql.getNamedType(field.type);
        const here = [...trail, sel.name.value];
        let d = depth;
        if (isConnection(type)) {
          d = depth + 1;
          connections.push(here.join('.'));
          if (d > BULK_MAX_DEPTH) {
            errors.push(`${at(sel)}bulk query nests connections ${d} deep at ${here.join('.')} (Shopify allows ${BULK_MAX_DEPTH})`);
          }
        }
        walk(sel.selectionSet, type, here, d);
      } else if (sel.kind === gql.Kind.INLINE_FRAGMENT) {
        const type = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parentType;
        walk(sel.selectionSet, type, trail, depth);
      } else if (sel.kind === gql.Kind.FRAGMENT_SPREAD) {
        const frag = fragments[sel.name.value];
        if (frag) walk(frag.selectionSet, schema.getType(frag.typeCondition.name.value), trail, depth);
      }
    }
  };
  for (const sel of op.selectionSet.selections) {
    if (sel.kind === gql.Kind.FIELD && (sel.name.value === 'node' || sel.name.value === 'nodes')) {
      errors.push(`${at(sel)}bulk query cannot start at top-level ${sel.name.value}`);
    }
  }
  walk(op.selectionSet, schema.getQueryType(), [], 0);
  if (connections.length === 0) errors.push('bulk query selects no connection (Shopify requires one)');
  if (connections.length > BULK_MAX_CONNECTIONS) {
    errors.push(`bulk query selects ${connections.length} connections (Shopify allows ${BULK_MAX_CONNECTIONS}): ${connections.join(', ')}`);
  }
  return errors;
}

const opts = parseArgs(process.argv.slice(2));
const gql = await loadGraphql();
process.exitCode = main(opts);
