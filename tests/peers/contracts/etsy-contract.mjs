#!/usr/bin/env node
// Contract check of the requests the Etsy adapter sends, as recorded by the
// Etsy sandbox's request log (one JSON object per line: method, path, query,
// contentType, body, multipart, headers), against Etsy's own OpenAPI file
// (shared/contracts/etsy/openapi-3.0.0.json, see its README). ctest runs the
// self-check as tst_etsy_contract_selfcheck (tests/contracts/CMakeLists.txt);
// C++ tests check the logs they recorded through checkEtsyRequestLog()
// (tests/common/etsycontractcheck.h); by hand:
//
//   node tests/peers/contracts/etsy-contract.mjs --log FILE [--log FILE...]
//        [--expect-invalid DIR] [--expect-valid DIR] [--contracts DIR]
//
// Every logged request must
//  - match an operation by method and templated path (the most specific
//    template wins: /users/me before /users/{user_id});
//  - carry path and query parameters the operation declares, the required
//    ones, of the declared types, enums and ranges;
//  - carry a body of a content type the operation accepts that validates
//    against its requestBody schema: form bodies with repeated keys for array
//    fields and values coerced by the schema ("3" integer, "12.50" number,
//    "true" boolean), JSON bodies as JSON, multipart bodies by part (format
//    binary fields as file parts). A field the schema does not declare is a
//    violation even where the spec leaves additionalProperties open;
//  - carry x-api-key (security scheme api_key) and, for oauth2 operations, an
//    Authorization header (the log records presence, never values).
// Token requests (/v3/public/oauth/token) and the authorization redirect
// (GET /oauth/connect) are not in the OpenAPI file: they are checked against
// shared/design/PROVIDERS.md. /_sandbox/* requests are the sandbox's own and
// are skipped. What Etsy changed after the spec (shared/contracts/README.md,
// "Known gaps") is accepted through DOCUMENTED_DIFFERENCES below, nothing else.
//
// Self-check: every *.jsonl in --expect-invalid must give at least one
// violation, and those containing "# expect-error: TEXT" lines a violation
// with each TEXT in it; every *.jsonl in --expect-valid must give none. Lines
// starting with # are comments (only fixtures have them).
//
// The contracts folder: --contracts, else $STORELOOM_CONTRACTS (a relative
// path is taken from the repository root), else <repo>/../shared/contracts.
// Absent: exit 77 (ctest SKIP_RETURN_CODE) with the reason, or exit 1 when
// CI=true. Exit 1 on any violation or failure, 0 when everything holds,
// 2 on a usage error.

import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const SKIP = 77;
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');
const SPEC_FILE = 'etsy/openapi-3.0.0.json';
const ENUM_SHOWN = 8; // enum values quoted in a message before "…"
const NO_OPERATION = '(no operation)'; // in place of an operationId

// ---------------------------------------------------------------------------
// Documented differences between the January 2024 spec and the Etsy API
// Storeloom talks to (shared/contracts/README.md, "Known gaps"). Each entry
// patches the spec the way Etsy's current documentation describes, so the
// check stays as strict as before everywhere else. `used` counts the requests
// that relied on an entry, for the closing note.
// ---------------------------------------------------------------------------
const READINESS_STATE_ID = {type: 'integer', minimum: 1};
const LIST_PAGING = [
  {name: 'limit', in: 'query', required: false, schema: {type: 'integer', minimum: 1, maximum: 100, default: 25}},
  {name: 'offset', in: 'query', required: false, schema: {type: 'integer', minimum: 0, default: 0}},
];
const SHOP_ID = {name: 'shop_id', in: 'path', required: true, schema: {type: 'integer', minimum: 1}};
const SHOPS_R = [{api_key: [], oauth2: ['shops_r']}];

const DOCUMENTED_DIFFERENCES = [
  {
    name: 'readiness_state_id',
    what: 'readiness_state_id (integer >= 1) in createDraftListing/updateListing',
    patch(spec) {
      const form = 'application/x-www-form-urlencoded';
      const ops = [spec.paths['/v3/application/shops/{shop_id}/listings'].post,
        spec.paths['/v3/application/shops/{shop_id}/listings/{listing_id}'].patch];
      for (const op of ops) op.requestBody.content[form].schema.properties.readiness_state_id = {...READINESS_STATE_ID};
    },
    usedBy: (request, op) => ['createDraftListing', 'updateListing'].includes(op.operationId) &&
      /(^|&)readiness_state_id=/.test(request.body ?? ''),
  },
  {
    name: 'readiness-state-definitions',
    what: 'GET /v3/application/shops/{shop_id}/readiness-state-definitions[/{id}] (api key + oauth)',
    patch(spec) {
      const base = '/v3/application/shops/{shop_id}/readiness-state-definitions';
      spec.paths[base] = {get: {
        operationId: 'getShopReadinessStateDefinitions',
        parameters: [SHOP_ID, ...LIST_PAGING],
        security: SHOPS_R,
      }};
      spec.paths[`${base}/{readiness_state_definition_id}`] = {get: {
        operationId: 'getShopReadinessStateDefinition',
        parameters: [SHOP_ID, {name: 'readiness_state_definition_id', in: 'path', required: true,
          schema: {type: 'integer', minimum: 1}}],
        security: SHOPS_R,
      }};
    },
    usedBy: (request, op) => op.operationId.startsWith('getShopReadinessStateDefinition'),
  },
  {
    name: 'x-api-key keystring:shared_secret',
    what: 'x-api-key as keystring:shared_secret (not checkable: values are not logged; presence only)',
    patch() {},
    usedBy: (request, op) => op.requiresApiKey,
  },
];

// Etsy's OAuth endpoints, which the OpenAPI file leaves out
// (shared/design/PROVIDERS.md, "Etsy — Open API v3").
const TOKEN_GRANTS = {
  authorization_code: ['client_id', 'redirect_uri', 'code', 'code_verifier'],
  refresh_token: ['client_id', 'refresh_token'],
};
const CONNECT_QUERY = {
  response_type: 'code', client_id: null, redirect_uri: null, scope: null, state: null,
  code_challenge: null, code_challenge_method: 'S256',
};

// ---------------------------------------------------------------------------
// Command line and contracts folder (as shopify-contract.mjs).
// ---------------------------------------------------------------------------
function parseArgs(argv) {
  const opts = {contracts: null, logs: [], expectInvalid: null, expectValid: null};
  const names = {'--contracts': 'contracts', '--log': 'logs',
    '--expect-invalid': 'expectInvalid', '--expect-valid': 'expectValid'};
  for (let i = 0; i < argv.length; i++) {
    const key = names[argv[i]];
    if (!key || i + 1 >= argv.length) usage();
    const value = path.resolve(argv[++i]);
    if (key === 'logs') opts.logs.push(value);
    else opts[key] = value;
  }
  if (!opts.logs.length && !opts.expectInvalid && !opts.expectValid) usage();
  return opts;
}

function usage() {
  console.error('usage: etsy-contract.mjs --log FILE [--log FILE...] [--expect-invalid DIR] ' +
    '[--expect-valid DIR] [--contracts DIR]');
  process.exit(2);
}

function contractsDir(explicit) {
  if (explicit) return {dir: explicit, from: '--contracts'};
  const env = process.env.STORELOOM_CONTRACTS;
  if (env) return {dir: path.resolve(repo, env), from: 'STORELOOM_CONTRACTS'};
  return {dir: path.resolve(repo, '../shared/contracts'), from: 'default <repo>/../shared/contracts'};
}

const isCI = () => /^(true|1)$/i.test(process.env.CI ?? '');

async function loadAjv() {
  try {
    return (await import('ajv')).default;
  } catch (err) {
    if (err?.code !== 'ERR_MODULE_NOT_FOUND') throw err;
    console.error(`etsy-contract: ajv is not installed in ${here}/node_modules; ` +
      'run scripts/test.sh (it runs npm ci there), or `npm ci --prefix tests/peers/contracts`.');
    process.exit(1);
  }
}

// ---------------------------------------------------------------------------
// The spec, compiled once into a table of operations.
// ---------------------------------------------------------------------------
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

function newAjv(Ajv, spec) {
  const ajv = new Ajv({allErrors: true, verbose: true, strict: true});
  // OpenAPI's formats: the numeric ones say nothing JSON Schema does not;
  // binary is checked by the multipart reader (a file part, not a value).
  for (const f of ['float', 'double', 'int32', 'int64']) ajv.addFormat(f, {type: 'number', validate: () => true});
  ajv.addFormat('binary', () => true);
  ajv.addFormat('ISO 3166-1 alpha-2', /^[A-Z]{2}$/);
  // $refs point into #/components/schemas: serve them from a schema of their
  // own so request schemas can be compiled one by one.
  ajv.addSchema({$id: 'etsy-components', $defs: rewriteRefs(closeObjects(spec.components?.schemas ?? {}))});
  return ajv;
}

function rewriteRefs(node) {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k,
    k === '$ref' && typeof v === 'string' ? v.replace('#/components/schemas/', 'etsy-components#/$defs/')
      : rewriteRefs(v)]));
}

// Unknown fields are violations even where the spec leaves objects open:
// close every object schema that lists its properties.
function closeObjects(node) {
  if (Array.isArray(node)) return node.map(closeObjects);
  if (!node || typeof node !== 'object') return node;
  const out = Object.fromEntries(Object.entries(node).map(([k, v]) =>
    [k, k === 'properties' ? mapValues(v, closeObjects) : closeObjects(v)]));
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

// A schema with #/components/schemas $refs replaced by their targets, a few
// levels deep (enough for field names and types; recursion stops there).
function inlineRefs(node, spec, depth = 0) {
  if (Array.isArray(node)) return node.map((n) => inlineRefs(n, spec, depth));
  if (!node || typeof node !== 'object') return node;
  const ref = typeof node.$ref === 'string' && /^#\/components\/schemas\/(.+)$/.exec(node.$ref);
  if (ref) return depth < 4 ? inlineRefs(spec.components.schemas[ref[1]] ?? {}, spec, depth + 1) : {};
  return mapValues(node, (v) => inlineRefs(v, spec, depth));
}

const mapValues = (obj, fn) => Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, fn(v)]));

// Path and query parameters as one closed object schema per location.
function parameterSchema(parameters, where) {
  const own = parameters.filter((p) => p.in === where);
  return {
    type: 'object',
    properties: Object.fromEntries(own.map((p) => [p.name, p.schema ?? {}])),
    required: own.filter((p) => p.required).map((p) => p.name),
    additionalProperties: false,
  };
}

function compileOperations(Ajv, spec) {
  const ajv = newAjv(Ajv, spec);
  // Each schema is compiled once, on first use: a log touches a handful of
  // the ~100 operations, and compiling them all costs seconds.
  const compile = (schema) => {
    let compiled = null;
    const validate = (data) => {
      compiled ??= ajv.compile(rewriteRefs(schema));
      const ok = compiled(data);
      validate.errors = compiled.errors;
      return ok;
    };
    return validate;
  };
  const operations = [];
  for (const [template, item] of Object.entries(spec.paths)) {
    for (const method of METHODS.filter((m) => item[m])) {
      const op = item[method];
      const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])];
      const security = op.security ?? spec.security ?? [];
      const pathSchema = parameterSchema(parameters, 'path');
      const querySchema = parameterSchema(parameters, 'query');
      const bodies = Object.entries(op.requestBody?.content ?? {}).map(([type, media]) => {
        const schema = closeObjects(media.schema ?? {});
        // The readers look up field types by name: give them the schema with
        // its $refs inlined; Ajv resolves them itself.
        return {type, schema: inlineRefs(schema, spec), validate: compile(schema)};
      });
      operations.push({
        method: method.toUpperCase(), template, segments: template.split('/'),
        operationId: op.operationId ?? `${method} ${template}`,
        security,
        requiresApiKey: security.length > 0 && security.every((req) => 'api_key' in req),
        path: {schema: pathSchema, validate: compile(pathSchema)},
        query: {schema: querySchema, validate: compile(querySchema)},
        bodies,
        bodyRequired: op.requestBody?.required === true,
      });
    }
  }
  return operations;
}

// The operations of the most specific template matching the path (literal
// segments beat parameters, as in OpenAPI routing), with the path's values.
function matchPath(operations, requestPath) {
  const parts = requestPath.split('/');
  let best = null;
  for (const op of operations) {
    if (op.segments.length !== parts.length) continue;
    const params = {};
    let literals = 0;
    const fits = op.segments.every((seg, i) => {
      const name = /^\{(.+)\}$/.exec(seg)?.[1];
      if (name) {
        if (parts[i] === '') return false;
        params[name] = [safeDecode(parts[i])];
        return true;
      }
      literals++;
      return seg === parts[i];
    });
    if (!fits) continue;
    if (!best || literals > best.literals) best = {template: op.template, literals, params, ops: []};
    if (best.template === op.template) best.ops.push(op);
  }
  return best;
}

function safeDecode(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

// ---------------------------------------------------------------------------
// Values from the wire, typed by the schema they are meant for.
// ---------------------------------------------------------------------------

// Form and query pairs, repeated keys gathered in order.
function gatherPairs(text) {
  const fields = new Map();
  for (const [k, v] of new URLSearchParams(text ?? '')) {
    if (!fields.has(k)) fields.set(k, []);
    fields.get(k).push(v);
  }
  return fields;
}

// A text value as the schema's scalar type, or the text itself when it is
// not one (so the validator reports the type with the offending text).
function coerceScalar(schema, text) {
  switch (schema?.type) {
  case 'integer': return /^-?\d+$/.test(text) ? Number(text) : text;
  case 'number': return /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : text;
  case 'boolean': return text === 'true' ? true : text === 'false' ? false : text;
  default: return text;
  }
}

// gatherPairs() output as an object for `schema`: arrays from repeated keys,
// scalars coerced; a repeated key for a field that is not an array is wrong.
function coerceFields(schema, fields, what) {
  const value = {};
  const errors = [];
  for (const [name, texts] of fields) {
    const prop = schema.properties?.[name];
    if (prop?.type === 'array') {
      value[name] = texts.map((t) => coerceScalar(prop.items, t));
    } else {
      if (texts.length > 1) errors.push(`${what} '${name}' is repeated ${texts.length} times but is not an array`);
      value[name] = coerceScalar(prop, texts[0]);
    }
  }
  return {value, errors};
}

// Multipart parts: file parts for format binary fields, text parts otherwise.
function coerceParts(schema, parts) {
  const errors = [];
  const fields = new Map();
  for (const part of parts) {
    const prop = schema.properties?.[part.name];
    const binary = prop?.type === 'string' && prop.format === 'binary';
    const isFile = part.filename !== undefined;
    if (binary && !isFile) errors.push(`multipart part '${part.name}' must be a file part (format binary)`);
    if (prop && !binary && isFile) errors.push(`multipart part '${part.name}' is a file but the schema wants a ${prop.type} value`);
    if (!fields.has(part.name)) fields.set(part.name, []);
    fields.get(part.name).push(isFile ? `<file ${part.filename}>` : String(part.value ?? ''));
  }
  const coerced = coerceFields(schema, fields, 'multipart part');
  return {value: coerced.value, errors: [...errors, ...coerced.errors]};
}

// ---------------------------------------------------------------------------
// Messages from Ajv errors.
// ---------------------------------------------------------------------------
function describeErrors(errors, where) {
  return (errors ?? []).map((e) => {
    const at = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const field = at.length ? `${where} ${at.join('.')}` : where;
    switch (e.keyword) {
    case 'required': return `${where} is missing required '${[...at, e.params.missingProperty].join('.')}'`;
    case 'additionalProperties':
      return `${where} has unknown field '${[...at, e.params.additionalProperty].join('.')}'`;
    case 'enum': {
      const allowed = e.params.allowedValues;
      const shown = allowed.slice(0, ENUM_SHOWN).map((v) => JSON.stringify(v)).join(', ');
      return `${field} must be one of ${shown}${allowed.length > ENUM_SHOWN ? `, … (${allowed.length} values)` : ''}` +
        ` (got ${JSON.stringify(e.data)})`;
    }
    default: return `${field} ${e.message} (got ${JSON.stringify(e.data)})`;
    }
  });
}

// ---------------------------------------------------------------------------
// One request.
// ---------------------------------------------------------------------------
function checkSecurity(op, headers) {
  const present = (name) => headers?.[name] === 'present';
  const satisfied = (req) => Object.keys(req).every((scheme) =>
    scheme === 'api_key' ? present('x-api-key') : scheme === 'oauth2' ? present('authorization') : true);
  if (op.security.length === 0 || op.security.some(satisfied)) return [];
  const first = op.security[0];
  const errors = [];
  if ('api_key' in first && !present('x-api-key')) errors.push('missing x-api-key header (security scheme api_key)');
  if ('oauth2' in first && !present('authorization')) {
    errors.push(`missing Authorization header (security scheme oauth2, scopes ${first.oauth2.join(' ') || 'none'})`);
  }
  return errors;
}

function checkParameters(op, pathParams, query) {
  const errors = [];
  for (const [where, part, fields] of [['path parameter', op.path, pathParams], ['query', op.query, query]]) {
    const {value, errors: shape} = coerceFields(part.schema, fields, where);
    errors.push(...shape);
    if (!part.validate(value)) errors.push(...describeErrors(part.validate.errors, where));
  }
  return errors;
}

function checkBody(op, request) {
  const type = (request.contentType ?? '').split(';')[0].trim().toLowerCase();
  const hasBody = Boolean(request.body) || Array.isArray(request.multipart);
  if (op.bodies.length === 0) {
    return hasBody ? [`takes no request body (got ${type || 'a body without content type'})`] : [];
  }
  // No body at all: the empty object must satisfy the schema (its required
  // fields are then reported as missing).
  const body = type ? op.bodies.find((b) => b.type === type) : op.bodies[0];
  if (!body) return [`content type ${type} is not accepted (expects ${op.bodies.map((b) => b.type).join(' or ')})`];
  if (!type && op.bodyRequired) return ['request body is required'];

  let value;
  const errors = [];
  if (body.type === 'application/json') {
    try {
      value = JSON.parse(request.body || '{}');
    } catch (err) {
      return [`body is not JSON: ${err.message}`];
    }
  } else if (body.type === 'multipart/form-data') {
    const parts = request.multipart ?? [];
    if (type && parts.length === 0) errors.push('multipart body has no parts (or did not parse)');
    ({value} = collect(coerceParts(body.schema, parts), errors));
  } else {
    ({value} = collect(coerceFields(body.schema, gatherPairs(request.body), 'form field'), errors));
  }
  if (!body.validate(value)) errors.push(...describeErrors(body.validate.errors, 'body'));
  return errors;
}

function collect(result, errors) {
  errors.push(...result.errors);
  return result;
}

// Extra rules the spec states in prose rather than in a schema.
const PROSE_RULES = {
  // "To upload a new image, set the image file as the value for the `image`
  // parameter. You can assign a previously deleted image ... in the
  // `listing_image_id` parameter." Neither is `required` in the schema.
  uploadListingImage(request) {
    const names = new Set((request.multipart ?? []).map((p) => p.name));
    return names.has('image') || names.has('listing_image_id') ? []
      : ["needs an 'image' file part (or 'listing_image_id' to re-attach a deleted image)"];
  },
};

function checkApiRequest(operations, request, used) {
  const match = matchPath(operations, request.path);
  if (!match) return {operationId: NO_OPERATION, errors: ['no operation has this path']};
  const op = match.ops.find((o) => o.method === request.method);
  if (!op) {
    return {operationId: NO_OPERATION, errors: [`method ${request.method} is not defined for ${match.template} ` +
      `(defined: ${match.ops.map((o) => `${o.method} ${o.operationId}`).join(', ')})`]};
  }
  const errors = [
    ...checkSecurity(op, request.headers),
    ...checkParameters(op, new Map(Object.entries(match.params)), gatherPairs(request.query)),
    ...checkBody(op, request),
    ...(PROSE_RULES[op.operationId]?.(request) ?? []),
  ];
  for (const d of DOCUMENTED_DIFFERENCES) if (d.usedBy(request, op)) used.set(d.name, (used.get(d.name) ?? 0) + 1);
  return {operationId: op.operationId, errors};
}

// POST /v3/public/oauth/token: a form body with the grant's fields, no others.
function checkTokenRequest(request) {
  const operationId = 'oauthToken (PROVIDERS.md)';
  if (request.method !== 'POST') return {operationId, errors: [`method ${request.method} is not defined (token requests are POST)`]};
  const type = (request.contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    return {operationId, errors: [`content type ${type || '(none)'} is not accepted (expects application/x-www-form-urlencoded)`]};
  }
  const fields = gatherPairs(request.body);
  const grant = fields.get('grant_type')?.[0];
  const needed = TOKEN_GRANTS[grant];
  if (!needed) {
    return {operationId, errors: [`grant_type must be one of ${Object.keys(TOKEN_GRANTS).join(', ')} (got ${JSON.stringify(grant ?? null)})`]};
  }
  const errors = [];
  for (const name of needed) if (!fields.get(name)?.[0]) errors.push(`${grant} grant is missing form field '${name}'`);
  for (const [name, values] of fields) {
    if (name !== 'grant_type' && !needed.includes(name)) errors.push(`${grant} grant has unknown form field '${name}'`);
    if (values.length > 1) errors.push(`form field '${name}' is repeated`);
  }
  return {operationId, errors};
}

// GET /oauth/connect: the authorization redirect's query (PKCE, S256 only).
function checkConnectRequest(request) {
  const operationId = 'oauthConnect (PROVIDERS.md)';
  const query = gatherPairs(request.query);
  const errors = [];
  for (const [name, fixed] of Object.entries(CONNECT_QUERY)) {
    const value = query.get(name)?.[0];
    if (!value) errors.push(`query is missing required '${name}'`);
    else if (fixed && value !== fixed) errors.push(`query ${name} must be ${JSON.stringify(fixed)} (got ${JSON.stringify(value)})`);
  }
  for (const name of query.keys()) if (!(name in CONNECT_QUERY)) errors.push(`query has unknown field '${name}'`);
  return {operationId, errors};
}

// The check for one request, or null when the request is not ours to check.
function checkRequest(operations, request, used) {
  const p = request.path ?? '';
  if (p.startsWith('/_sandbox/')) return null;
  // Only the redirect is the adapter's; the sandbox's consent page may post
  // back to /oauth/connect, which Etsy's own site would handle.
  if (p === '/oauth/connect') return request.method === 'GET' ? checkConnectRequest(request) : null;
  if (p === '/v3/public/oauth/token') return checkTokenRequest(request);
  return checkApiRequest(operations, request, used);
}

// ---------------------------------------------------------------------------
// Logs.
// ---------------------------------------------------------------------------
function readLog(file) {
  const text = fs.readFileSync(file, 'utf8');
  const requests = [];
  const problems = [];
  const expected = [];
  text.split('\n').forEach((line, index) => {
    const trimmed = line.trim();
    if (!trimmed) return;
    if (trimmed.startsWith('#')) {
      const m = /^#\s*expect-error:\s*(.+?)\s*$/.exec(trimmed);
      if (m) expected.push(m[1]);
      return;
    }
    try {
      const request = JSON.parse(trimmed);
      if (typeof request?.method !== 'string' || typeof request.path !== 'string') throw new Error('no method or path');
      requests.push({...request, method: request.method.toUpperCase(), line: index + 1});
    } catch (err) {
      problems.push(`${path.basename(file)}:${index + 1}: not a request log line: ${err.message}`);
    }
  });
  return {requests, problems, expected};
}

// Violations of one log, as printable lines, and what was checked.
function checkLog(operations, file, tally) {
  const {requests, problems, expected} = readLog(file);
  const violations = [...problems];
  for (const request of requests) {
    const result = checkRequest(operations, request, tally.used);
    if (!result) {
      tally.skipped++;
      continue;
    }
    tally.requests++;
    if (result.operationId !== NO_OPERATION) tally.operations.add(result.operationId);
    const shown = `${request.method} ${request.path}${request.query ? `?${request.query}` : ''}`;
    for (const e of result.errors) violations.push(`${shown}: ${result.operationId}: ${e}`);
  }
  return {violations, expected};
}

const newTally = () => ({requests: 0, skipped: 0, operations: new Set(), used: new Map()});
const rel = (file) => path.relative(process.cwd(), file) || file;

function jsonlFiles(dir) {
  if (!dir || !fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().map((f) => path.join(dir, f));
}

// The fixtures of --expect-invalid / --expect-valid; the number of failures.
function selfCheck(operations, opts, tally) {
  let failures = 0;
  const fail = (message) => {
    failures++;
    console.log(`FAIL ${message}`);
  };
  if (opts.expectInvalid) {
    const bad = jsonlFiles(opts.expectInvalid);
    if (bad.length === 0) fail(`no *.jsonl fixtures in ${opts.expectInvalid}`);
    for (const file of bad) {
      const {violations, expected} = checkLog(operations, file, tally);
      const missing = expected.filter((e) => !violations.some((v) => v.includes(e)));
      if (violations.length === 0) fail(`${rel(file)}: accepted, but the check must reject it`);
      else if (missing.length) fail(`${rel(file)}: rejected, but not for "${missing.join('", "')}": ${violations.join(' | ')}`);
      else console.log(`ok   ${rel(file)} rejected as expected: ${violations.join(' | ')}`);
    }
  }
  if (opts.expectValid) {
    const good = jsonlFiles(opts.expectValid);
    if (good.length === 0) fail(`no *.jsonl fixtures in ${opts.expectValid}`);
    for (const file of good) {
      const {violations} = checkLog(operations, file, tally);
      if (violations.length) {
        fail(`${rel(file)}: positive fixture rejected:`);
        for (const v of violations) console.log(`  ${v}`);
      } else {
        console.log(`ok   ${rel(file)}`);
      }
    }
  }
  return failures;
}

function differencesNote(used) {
  return 'etsy-contract: documented differences applied: ' +
    DOCUMENTED_DIFFERENCES.map((d) => `${d.what} [${used.get(d.name) ?? 0} request(s)]`).join('; ');
}

function main(Ajv, opts) {
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
  const specFile = path.join(dir, SPEC_FILE);
  if (!fs.existsSync(specFile)) {
    console.error(`FAIL: ${specFile} is missing from the contracts folder ${dir}.`);
    return 1;
  }

  const started = Date.now();
  const spec = JSON.parse(fs.readFileSync(specFile, 'utf8'));
  for (const d of DOCUMENTED_DIFFERENCES) d.patch(spec);
  const operations = compileOperations(Ajv, spec);
  console.log(`spec: ${specFile} (OpenAPI ${spec.openapi}, ${operations.length} operations, ` +
    `${Date.now() - started} ms)`);

  let failures = 0;
  if (opts.expectInvalid || opts.expectValid) {
    const fixtures = newTally();
    failures += selfCheck(operations, opts, fixtures);
    console.log(`etsy-contract: self-check: ${fixtures.requests} fixture requests, ` +
      `${fixtures.operations.size} operations, ${failures} failure(s)`);
    if (!opts.logs.length) console.log(differencesNote(fixtures.used));
  }

  if (opts.logs.length) {
    const tally = newTally();
    let violations = 0;
    for (const file of opts.logs) {
      if (!fs.existsSync(file)) {
        console.log(`FAIL ${file}: no such request log`);
        failures++;
        continue;
      }
      const result = checkLog(operations, file, tally);
      for (const v of result.violations) console.log(v);
      violations += result.violations.length;
    }
    // A log with nothing to check means the recording, not the adapter, broke.
    if (tally.requests === 0) {
      console.log('FAIL no request to check in the log(s)');
      failures++;
    }
    if (tally.skipped) console.log(`etsy-contract: ${tally.skipped} sandbox request(s) skipped`);
    console.log(differencesNote(tally.used));
    console.log(`etsy-contract: ${tally.requests} requests checked, ${tally.operations.size} operations, ` +
      `${violations} violations`);
    failures += violations;
  }
  return failures ? 1 : 0;
}

const opts = parseArgs(process.argv.slice(2));
const Ajv = await loadAjv();
process.exitCode = main(Ajv, opts);
