// A real OAuth 2.0 authorization server for Storeloom's OAuth tests: oidc-provider
// on 127.0.0.1 with one public native client that must use PKCE (S256).
//
//   node server.js [PORT]        PORT (or env PORT) 0 = pick a free port
//
// Prints exactly one line "READY http://127.0.0.1:PORT" on stdout once it accepts
// connections, and exits when its stdin closes (the test process went away) or on
// SIGTERM/SIGINT. Environment:
//   ACCESS_TOKEN_TTL   access-token lifetime in seconds (default 3600)
//   REFRESH_TOKEN_TTL  refresh-token lifetime in seconds (default 14 days)
//
// GET /test/stats tells what the token endpoint saw (grants, refreshes,
// invalid_grant answers, revoked grants, refresh tokens used more than once).
//
// Consent is unattended: GET /interaction/:uid signs in a fixed merchant account,
// creates a Grant for exactly the requested scopes and finishes the interaction,
// so a client with a cookie jar that follows the redirects lands on the client's
// redirect_uri with code and state.
import * as crypto from 'node:crypto';
import * as http from 'node:http';

import Provider from 'oidc-provider';

const CLIENT_ID = 'storeloomdesktop'; // Etsy keystrings are letters and digits
const ACCOUNT_ID = 'merchant-1';
const SCOPES = ['openid', 'offline_access', 'listings_r', 'listings_w', 'shops_r'];

function intFromEnv(name, fallback) {
  const value = Number.parseInt(process.env[name] ?? '', 10);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const requestedPort = Number.parseInt(process.argv[2] ?? process.env.PORT ?? '0', 10) || 0;
const accessTokenTtl = intFromEnv('ACCESS_TOKEN_TTL', 3600);
const refreshTokenTtl = intFromEnv('REFRESH_TOKEN_TTL', 14 * 24 * 60 * 60);

// Listen first so that port 0 can be resolved before the issuer is known.
const server = http.createServer();
await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(requestedPort, '127.0.0.1', resolve);
});
const { port } = server.address();
const issuer = `http://127.0.0.1:${port}`;

// Fresh signing keys per run (ID tokens need one; no dev keys, no warning).
const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'test-rs256', use: 'sig', alg: 'RS256' };

const provider = new Provider(issuer, {
  clients: [{
    client_id: CLIENT_ID,
    application_type: 'native', // any port on a loopback redirect is accepted
    token_endpoint_auth_method: 'none', // public client: no secret
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: [
      'http://127.0.0.1/callback', // loopback redirect (port-agnostic for native clients)
      'https://storeloom.example/oauth/callback', // a registered https redirect: paste fallback
    ],
  }],
  pkce: { required: () => true }, // v9 accepts S256 only
  scopes: SCOPES, // custom scopes vanish silently unless listed here
  issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
  rotateRefreshToken: () => true,
  ttl: {
    AccessToken: accessTokenTtl,
    AuthorizationCode: 120,
    RefreshToken: refreshTokenTtl,
    Grant: refreshTokenTtl,
    Interaction: 600,
    Session: 3600,
  },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  cookies: { keys: [crypto.randomBytes(32).toString('base64url')] },
  jwks: { keys: [signingKey] },
  findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
});

// Unattended login + consent.
provider.use(async (ctx, next) => {
  const match = ctx.method === 'GET' && /^\/interaction\/[^/]+$/.test(ctx.path);
  if (!match) {
    await next();
    return;
  }
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  const result = {};
  if (details.prompt.name === 'login') {
    result.login = { accountId: ACCOUNT_ID };
  }
  const accountId = details.session?.accountId ?? ACCOUNT_ID;
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId, clientId: details.params.client_id });
  grant.addOIDCScope(String(details.params.scope ?? ''));
  result.consent = { grantId: await grant.save() };
  const returnTo = await provider.interactionResult(ctx.req, ctx.res, result, {
    mergeWithLastSubmission: false,
  });
  ctx.status = 303;
  ctx.redirect(returnTo);
});

// What the token endpoint saw, for tests that must prove a rotated refresh
// token was never spent twice: counts, and uses per refresh token (keyed by a
// hash, never the token). GET /test/stats answers them as JSON.
const stats = { codeGrants: 0, refreshes: 0, invalidGrants: 0, revokedGrants: 0 };
const refreshTokenUses = new Map();
function noteRefreshTokenUse(ctx) {
  const params = ctx.oidc?.params;
  if (params?.grant_type !== 'refresh_token' || !params.refresh_token) return;
  const key = crypto.createHash('sha256').update(String(params.refresh_token)).digest('hex');
  refreshTokenUses.set(key, (refreshTokenUses.get(key) ?? 0) + 1);
}
function statsBody() {
  const uses = [...refreshTokenUses.values()];
  return {
    ...stats,
    refreshTokensUsed: uses.length,
    refreshTokensUsedMoreThanOnce: uses.filter((n) => n > 1).length,
  };
}
provider.on('grant.success', (ctx) => {
  noteRefreshTokenUse(ctx);
  if (ctx.oidc.params.grant_type === 'refresh_token') stats.refreshes += 1;
  else if (ctx.oidc.params.grant_type === 'authorization_code') stats.codeGrants += 1;
});
provider.on('grant.revoked', () => { stats.revokedGrants += 1; });

// Rejections are part of the tests; say why on stderr (never the tokens).
provider.on('grant.error', (ctx, err) => {
  noteRefreshTokenUse(ctx);
  if (err.error === 'invalid_grant') stats.invalidGrants += 1;
  console.error(`oauth-peer: token endpoint: ${err.error ?? err.name}: ${err.error_description ?? err.message}`);
});
provider.on('authorization.error', (_ctx, err) => {
  console.error(`oauth-peer: authorization: ${err.error ?? err.name}: ${err.error_description ?? err.message}`);
});
provider.on('server_error', (_ctx, err) => console.error('oauth-peer: server error:', err));

// An Etsy-like identity API on the same server, so a connector can learn whose
// shop a grant is for: it accepts only live access tokens of this server and
// requires Etsy's x-api-key header (keystring:shared_secret).
const SHOP = { shop_id: 9001, shop_name: 'WoolCorner', url: 'https://www.etsy.com/shop/WoolCorner' };
async function etsyApi(req, res) {
  const send = (status, body) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const apiKey = String(req.headers['x-api-key'] ?? '');
  if (!/^[A-Za-z0-9]+:[A-Za-z0-9]+$/.test(apiKey)) {
    send(403, { error: 'Invalid API key: x-api-key must be keystring:shared_secret' });
    return;
  }
  const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''));
  const token = bearer ? await provider.AccessToken.find(bearer[1]) : undefined;
  if (!token || token.isExpired) {
    send(401, { error: 'invalid_token', error_description: 'access token is invalid or expired' });
    return;
  }
  if (req.url === '/v3/application/users/me') {
    send(200, { user_id: 4711, shop_id: SHOP.shop_id });
  } else if (req.url === `/v3/application/shops/${SHOP.shop_id}`) {
    send(200, SHOP);
  } else {
    send(404, { error: 'Resource not found' });
  }
}

const oauth = provider.callback();
server.on('request', (req, res) => {
  if (req.method === 'GET' && req.url === '/test/stats') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(statsBody()));
    return;
  }
  if (req.url?.startsWith('/v3/application/')) {
    etsyApi(req, res).catch((err) => {
      console.error('oauth-peer: etsy api:', err.message);
      res.writeHead(500);
      res.end();
    });
    return;
  }
  oauth(req, res);
});
console.log(`READY ${issuer}`);

function stop() {
  server.close();
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
