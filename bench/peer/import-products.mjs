#!/usr/bin/env node
// Peer benchmark: imports every product of a Shopify Admin GraphQL endpoint
// page by page with Shopify's own client (@shopify/admin-api-client), using
// the adapter's ProductsPage document, and prints one JSON line:
//   {"products":N,"variants":M,"pages":P,"throttled":T,"wallMs":W,"actualCost":C}
// See README.md beside this file.

import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const defaultQueryFile = path.resolve(here, '../../src/providers/shopify/graphql/ProductsPage.graphql');

const USAGE = `usage: node import-products.mjs --url URL [--token TOKEN] [--version 2026-07]
       [--first 50] [--variants-first 10] [--levels-first 5] [--media-first 5]
       [--max-pages 10000] [--max-throttled 50] [--query-file ProductsPage.graphql]
  --url    the shop's origin: http://127.0.0.1:PORT for a sandbox, or
           https://SHOP.myshopify.com; requests go to
           URL/admin/api/VERSION/graphql.json
  --token  the Admin API access token (default: $SHOPIFY_ACCESS_TOKEN)`;

function fail(message, code = 1) {
  console.error(`import-products: ${message}`);
  process.exit(code);
}

function options() {
  let values;
  try {
    ({values} = parseArgs({
      options: {
        url: {type: 'string'},
        token: {type: 'string', default: process.env.SHOPIFY_ACCESS_TOKEN},
        version: {type: 'string', default: '2026-07'},
        first: {type: 'string', default: '50'},
        'variants-first': {type: 'string', default: '10'},
        'levels-first': {type: 'string', default: '5'},
        'media-first': {type: 'string', default: '5'},
        'max-pages': {type: 'string', default: '10000'},
        'max-throttled': {type: 'string', default: '50'},
        'query-file': {type: 'string', default: defaultQueryFile},
        help: {type: 'boolean', short: 'h'},
      },
    }));
  } catch (err) {
    fail(`${err.message}\n${USAGE}`, 2);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (!values.url) fail(`--url is required\n${USAGE}`, 2);
  if (!values.token) fail(`--token (or SHOPIFY_ACCESS_TOKEN) is required\n${USAGE}`, 2);
  const int = (name) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < 1) fail(`--${name} must be a positive integer, not "${values[name]}"`, 2);
    return n;
  };
  let url;
  try {
    url = new URL(values.url);
  } catch {
    fail(`--url "${values.url}" is not a URL`, 2);
  }
  return {
    url,
    token: values.token,
    version: values.version,
    first: int('first'),
    variantsFirst: int('variants-first'),
    levelsFirst: int('levels-first'),
    mediaFirst: int('media-first'),
    maxPages: int('max-pages'),
    maxThrottled: int('max-throttled'),
    queryFile: values['query-file'],
  };
}

// The client always builds https://{storeDomain}/admin/api/{version}/graphql.json.
// customFetchApi sends each request to the --url origin (and its path prefix,
// if any) instead, keeping the path and query the client built.
function rewritingFetch(target) {
  const prefix = target.pathname.replace(/\/+$/, '');
  return (url, init) => {
    const built = new URL(url);
    return fetch(`${target.origin}${prefix}${built.pathname}${built.search}`, init);
  };
}

// Shopify's rate-limit guide: a THROTTLED request can be retried once the
// bucket holds the requested cost again, i.e. after
// (requestedQueryCost - currentlyAvailable) / restoreRate seconds.
function throttleWaitMs(extensions) {
  const cost = extensions?.cost;
  const status = cost?.throttleStatus;
  const requested = Number(cost?.requestedQueryCost);
  const available = Number(status?.currentlyAvailable);
  const rate = Number(status?.restoreRate);
  if (!Number.isFinite(requested) || !Number.isFinite(available) || !(rate > 0)) return 1000;
  return Math.max(0, Math.ceil(((requested - available) / rate) * 1000));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// admin-api-client puts the GraphQL errors of a reply in
// errors.graphQLErrors (errors.message is its own summary); an HTTP error
// has only errors.networkStatusCode and errors.message.
function describeErrors(errors) {
  const graphql = errors?.graphQLErrors;
  if (Array.isArray(graphql) && graphql.length) {
    return graphql.map((e) => `${e.message}${e.extensions?.code ? ` (${e.extensions.code})` : ''}`).join('; ');
  }
  return `${errors?.networkStatusCode ? `HTTP ${errors.networkStatusCode}: ` : ''}${errors?.message ?? 'unknown error'}`;
}

async function main() {
  const opts = options();
  const {createAdminApiClient} = await import('@shopify/admin-api-client').catch((err) => {
    if (err?.code !== 'ERR_MODULE_NOT_FOUND') throw err;
    fail(`@shopify/admin-api-client is not installed: run \`npm ci --prefix ${path.relative(process.cwd(), here) || '.'}\``);
  });
  const query = fs.readFileSync(opts.queryFile, 'utf8');

  const client = createAdminApiClient({
    storeDomain: opts.url.host,
    apiVersion: opts.version,
    accessToken: opts.token,
    userAgentPrefix: 'storeloom-peer-bench',
    customFetchApi: rewritingFetch(opts.url),
    logger: (log) => {
      if (log.type === 'Unsupported_Api_Version') {
        console.error(`import-products: note: API version ${log.content.apiVersion} is not among the client's ` +
          `current ones (${log.content.supportedApiVersions.join(', ')})`);
      }
    },
  });

  const totals = {products: 0, variants: 0, pages: 0, throttled: 0, wallMs: 0, actualCost: 0};
  const started = performance.now();
  let after = null;
  let throttledInARow = 0;
  const seenCursors = new Set();

  for (;;) {
    const {data, errors, extensions} = await client.request(query, {
      variables: {
        first: opts.first,
        after,
        variantsFirst: opts.variantsFirst,
        levelsFirst: opts.levelsFirst,
        mediaFirst: opts.mediaFirst,
      },
    });

    const code = errors?.graphQLErrors?.[0]?.extensions?.code;
    if (code === 'THROTTLED' || errors?.networkStatusCode === 429) {
      totals.throttled++;
      if (++throttledInARow > opts.maxThrottled) {
        fail(`throttled ${throttledInARow} times in a row on page ${totals.pages + 1}; giving up`);
      }
      const retryAfter = Number(errors?.response?.headers?.get?.('Retry-After'));
      const wait = code === 'THROTTLED' ? throttleWaitMs(extensions)
        : Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 1000;
      await sleep(wait);
      continue;
    }
    if (errors) fail(`page ${totals.pages + 1}: ${describeErrors(errors)}`);
    throttledInARow = 0;

    const products = data?.products;
    if (!products || !Array.isArray(products.nodes)) {
      fail(`page ${totals.pages + 1}: the reply has no data.products.nodes`);
    }
    totals.pages++;
    totals.products += products.nodes.length;
    for (const product of products.nodes) totals.variants += product?.variants?.nodes?.length ?? 0;
    totals.actualCost += Number(extensions?.cost?.actualQueryCost) || 0;

    const {hasNextPage, endCursor} = products.pageInfo ?? {};
    if (!hasNextPage) break;
    if (!endCursor || seenCursors.has(endCursor)) {
      fail(`page ${totals.pages}: hasNextPage is true but endCursor ${JSON.stringify(endCursor)} does not move on`);
    }
    if (totals.pages >= opts.maxPages) fail(`stopped after --max-pages ${opts.maxPages} pages`);
    seenCursors.add(endCursor);
    after = endCursor;
  }

  totals.wallMs = Math.round(performance.now() - started);
  console.log(JSON.stringify(totals));
}

await main();
