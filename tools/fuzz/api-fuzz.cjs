// The API half of `npm run fuzz`: every route of the API with hostile path segments, query
// values and bodies (injection attempts, traversal, control characters, huge values, malformed
// and oversized JSON, prototype keys, wrong types). A request may be refused (4xx) or answered,
// never fail on the server (5xx), never go unanswered, and every error is the API's JSON shape.
'use strict';

const { generator } = require('../bench/bench-support.cjs');

const HOSTILE = [
  "' OR '1'='1",
  "'; DROP TABLE windows; --",
  '1) UNION SELECT * FROM system.users --',
  '{x:String}',
  '../../../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '%00',
  '\u0000\u0001\u001f',
  '__proto__',
  'constructor',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '-1',
  '1e309',
  'NaN',
  '9'.repeat(400),
  'x'.repeat(20_000),
  '日本語\u202e',
  '',
  ' ',
];

const QUERY_NAMES = ['from', 'to', 'limit', 'version', 'status', 'sort', 'granularity', 'feature', 'model', 'cursor', 'offset', 'severity', 'kind'];

/** [method, path template, has a body]; `:x` segments are replaced by hostile values. */
const ROUTES = [
  ['GET', '/api/models', false],
  ['GET', '/api/models/:model/windows', false],
  ['GET', '/api/models/:model/windows/rollup', false],
  ['GET', '/api/models/:model/drift', false],
  ['GET', '/api/models/:model/performance', false],
  ['GET', '/api/models/:model/policy', false],
  ['GET', '/api/models/:model/policy/history', false],
  ['PUT', '/api/models/:model/policy', true],
  ['GET', '/api/models/:model/baselines', false],
  ['GET', '/api/models/:model/baselines/:id', false],
  ['GET', '/api/models/:model/versions/:version/baselines/active', false],
  ['POST', '/api/models/:model/versions/:version/baselines', true],
  ['POST', '/api/models/:model/versions/:version/baselines/from-windows', true],
  ['GET', '/api/incidents', false],
  ['GET', '/api/incidents/:id', false],
  ['GET', '/api/webhooks', false],
  ['GET', '/api/webhooks/:id', false],
  ['POST', '/api/webhooks', true],
  ['PUT', '/api/webhooks/:id', true],
  ['DELETE', '/api/webhooks/:id', false],
];

function hostileBodies() {
  const deep = '['.repeat(100_000) + ']'.repeat(100_000);
  return [
    ['not-json', '{"a":', 'application/json'],
    ['deep', `{"a":${deep}}`, 'application/json'],
    ['proto', '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}', 'application/json'],
    ['array', '[1,2,3]', 'application/json'],
    ['null', 'null', 'application/json'],
    ['string', '"x"', 'application/json'],
    ['wrong-types', JSON.stringify({ url: 42, secret: [], features: 'x', drift: { falseAlarmRate: 'high' }, rowCount: -1 }), 'application/json'],
    ['huge-fields', JSON.stringify({ url: `https://example.com/${'a'.repeat(100_000)}`, features: Array.from({ length: 20_000 }, (_, i) => ({ name: `f${i}` })) }), 'application/json'],
    ['private-url', JSON.stringify({ url: 'http://127.0.0.1:1/hook', secret: 's'.repeat(32) }), 'application/json'],
    ['file-url', JSON.stringify({ url: 'file:///etc/passwd', secret: 's'.repeat(32) }), 'application/json'],
    ['oversized', `{"a":"${'x'.repeat(11 * 1024 * 1024)}"}`, 'application/json'],
    ['form', 'a=1&b=2', 'application/x-www-form-urlencoded'],
    ['xml', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>', 'application/xml'],
  ];
}

async function request(base, method, path, body, contentType) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 30_000);
  try {
    const res = await fetch(base + path, { method, body, headers: body === undefined ? {} : { 'content-type': contentType }, signal: controller.signal });
    const text = await res.text();
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', text };
  } catch (error) {
    return { status: 0, contentType: '', text: String(error?.cause?.code ?? error?.message ?? error) };
  } finally {
    clearTimeout(timer);
  }
}

async function fuzzApi(base, { models, seed }) {
  const rand = generator(seed + 17);
  const pick = (xs) => xs[Math.floor(rand.uniform() * xs.length)];
  const jobs = [];
  const seg = (v) => encodeURIComponent(v);
  const fill = (template) => template.replace(/:(\w+)/g, () => seg(rand.uniform() < 0.2 ? pick(models) : pick(HOSTILE)));
  for (const [method, template, hasBody] of ROUTES) {
    // Every hostile value once in every path segment, then in every query parameter.
    for (const value of HOSTILE) jobs.push([method, template.replace(/:(\w+)/g, () => seg(value)), hasBody ? '{}' : undefined]);
    for (const name of QUERY_NAMES) for (const value of HOSTILE) jobs.push([method, `${fill(template)}?${name}=${seg(value)}`, hasBody ? '{}' : undefined]);
    jobs.push([method, `${fill(template)}?${QUERY_NAMES.map((n) => `${n}=1&${n}=2`).join('&')}`, undefined]);
    if (hasBody) for (const [, body, type] of hostileBodies()) jobs.push([method, fill(template), body, type]);
  }
  jobs.push(['GET', `/api/${'a/'.repeat(5_000)}`, undefined], ['PATCH', '/api/models', '{}'], ['GET', '/api/models?' + 'x=1&'.repeat(5_000), undefined]);

  const problems = [];
  const statuses = {};
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const [method, path, body, type = 'application/json'] = jobs[next++];
      const r = await request(base, method, path, body, type);
      const cls = r.status === 0 ? 'no answer' : `${Math.floor(r.status / 100)}xx`;
      statuses[cls] = (statuses[cls] ?? 0) + 1;
      const shown = `${method} ${path.slice(0, 120)}${path.length > 120 ? '…' : ''}`;
      if (r.status === 0 && !(body?.length > 10_000_000)) problems.push(`${shown}: no answer (${r.text})`);
      else if (r.status >= 500) problems.push(`${shown}: ${r.status} ${r.text.slice(0, 200)}`);
      else if (r.status >= 400 && r.status !== 431 && r.status !== 414 && !r.contentType.includes('application/json')) {
        problems.push(`${shown}: ${r.status} answered as ${r.contentType || 'no content type'}, not the JSON error shape`);
      }
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  const live = await request(base, 'GET', '/health/live');
  if (live.status !== 200) problems.push(`/health/live answers ${live.status} after the API fuzz`);
  return { requests: jobs.length, statuses, problems };
}

module.exports = { fuzzApi };
