#!/usr/bin/env node
'use strict';
/**
 * Failure drills: the built standalone process (aggregator, evaluator, alerter and api in one
 * process, embedded ClickHouse) runs as a child under a load of drifting and clean windows while
 * the drill does harm; afterwards the run must show nothing lost or counted twice.
 *
 *   npm run drill [-- --only kill,kill-services,broker,webhook,zombie,zombie-member,store-outage
 *                     --cycles 20 --broker-down 30 --webhook-down 300 --pause 45 --store-down 60
 *                     --seed 1 --no-build]
 *
 * kill: the standalone process killed `--cycles` times. kill-services: the aggregator, evaluator
 * and alerter as separate processes on a store server (apps/store-server), each killed `--cycles`
 * times. zombie: the standalone process paused past its session timeout; zombie-member: one of
 * two aggregator processes paused so, the other taking its partitions over; store-outage: the
 * distributed services with the store server stopped `--store-down` seconds under load
 * (store-outage.drill.cjs, through apps/store-server/test/store-outage.e2e.spec.ts).
 *
 * KAFKA_BROKERS (default 127.0.0.1:9092) is the broker of every drill but the broker outage,
 * which starts a broker of its own (deploy/local/kafka.sh, its own data directory and ports) and
 * stops that one. Checks, per drill: the sum of event_count per model in ClickHouse equals the
 * events the topic holds; each drifted block of windows opened exactly one incident on Kafka, and
 * no clean window opened one; an incident event published again is byte-identical; no dead
 * letters; every incident event reached the webhook receiver (once per Idempotency-Key when no
 * process was killed). Exit code 1 when any check failed. Results also go to dist/drill/results.json.
 */
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, buildApp } = require('../bench/bench-support.cjs');
const { MAIN, killAll, say } = require('./drill-env.cjs');
const { brokerDrill, killDrill, servicesKillDrill, webhookDrill, zombieDrill, zombieMemberDrill } = require('./drills.cjs');
const { storeOutageDrill } = require('./store-outage.drill.cjs');

const ALL = ['kill', 'kill-services', 'broker', 'webhook', 'zombie', 'zombie-member', 'store-outage'];

function parseArgs(argv) {
  const args = { only: ALL, cycles: 20, brokerDown: 30, webhookDown: 300, pause: 45, storeDown: 60, seed: 1, build: true };
  const num = (name, value, min) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be a whole number ≥ ${min}, got ${value}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--only') {
      args.only = String(argv[++i]).split(',').map((s) => s.trim());
      const bad = args.only.filter((d) => !ALL.includes(d));
      if (bad.length) throw new Error(`--only: unknown drill(s) ${bad.join(', ')} (known: ${ALL.join(', ')})`);
    } else if (a === '--cycles') args.cycles = num('--cycles', argv[++i], 1);
    else if (a === '--broker-down') args.brokerDown = num('--broker-down', argv[++i], 1);
    else if (a === '--webhook-down') args.webhookDown = num('--webhook-down', argv[++i], 1);
    else if (a === '--pause') args.pause = num('--pause', argv[++i], 1);
    else if (a === '--store-down') args.storeDown = num('--store-down', argv[++i], 1);
    else if (a === '--seed') args.seed = num('--seed', argv[++i], 0);
    else if (a === '--no-build') args.build = false;
    else throw new Error(`unknown argument ${a} (use --only, --cycles, --broker-down, --webhook-down, --pause, --store-down, --seed, --no-build)`);
  }
  return args;
}

function table(results) {
  const head = ['drill', 'harm', 'windows', 'events produced', 'in ClickHouse', 'lost', 'doubled', 'drifts', 'opened', 'replayed copies', 'webhooks arrived', 'dead letters', 'time', 'result'];
  const rows = results.map((r) => [
    r.drill,
    r.harm,
    String(r.windows ?? '-'),
    String(r.produced ?? '-'),
    String(r.stored ?? '-'),
    String(r.lost ?? '-'),
    String(r.doubled ?? '-'),
    String(r.expectedOpens ?? '-'),
    String(r.opened ?? '-'),
    String(r.replayedCopies ?? '-'),
    r.webhooks ? `${r.webhooks.arrived}/${r.webhooks.expected}${r.webhooks.repeated ? ` (+${r.webhooks.repeated} again)` : ''}` : '-',
    String(r.deadLetters ?? '-'),
    `${Math.round(r.seconds)} s`,
    r.problems.length === 0 ? 'PASS' : 'FAIL',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`drill: ${error.message}\n`);
    process.exit(2);
  }
  // Stopped from outside: the services it started must not outlive it (a private broker is left
  // running; kafka.sh stop with its data directory, printed at its start, stops it).
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      killAll();
      process.exit(130);
    });
  }
  if (args.build || !fs.existsSync(MAIN)) {
    // The distributed drills run each service from its own build, beside the store server.
    const apps = args.only.some((d) => d === 'kill-services' || d === 'zombie-member' || d === 'store-outage') ? ['standalone', 'store-server', 'api', 'aggregator', 'evaluator', 'alerter'] : ['standalone'];
    for (const app of apps) buildApp(app);
  }
  say(`drills: ${args.only.join(', ')}; broker ${process.env.KAFKA_BROKERS ?? '127.0.0.1:9092'} (the broker outage runs on a broker of its own); seed ${args.seed}`);
  const runs = {
    kill: () => killDrill({ cycles: args.cycles, seed: args.seed }),
    broker: () => brokerDrill({ downSeconds: args.brokerDown, seed: args.seed + 1 }),
    webhook: () => webhookDrill({ downSeconds: args.webhookDown, seed: args.seed + 2 }),
    zombie: () => zombieDrill({ pauseSeconds: args.pause, seed: args.seed + 3 }),
    'kill-services': () => servicesKillDrill({ rounds: args.cycles, seed: args.seed + 4 }),
    'zombie-member': () => zombieMemberDrill({ pauseSeconds: args.pause, seed: args.seed + 5 }),
    'store-outage': () => storeOutageDrill({ outageSeconds: args.storeDown, log: say }),
  };
  const results = [];
  for (const name of args.only) {
    say(`— drill ${name}`);
    const started = Date.now();
    let result;
    try {
      result = await runs[name]();
    } catch (error) {
      result = { drill: name, harm: '-', problems: [`did not finish: ${error.message}`] };
    }
    result.seconds = (Date.now() - started) / 1000;
    results.push(result);
    say(`  ${result.problems.length === 0 ? 'PASS' : 'FAIL'} in ${Math.round(result.seconds)} s${result.recovery ? `; ${result.recovery}` : ''}`);
    for (const problem of result.problems) say(`  problem: ${problem}`);
  }
  process.stdout.write(`\n${table(results)}\n`);
  for (const r of results) if (r.recovery) process.stdout.write(`  ${r.drill}: ${r.recovery}\n`);
  const out = path.join(ROOT, 'dist', 'drill');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'results.json'), `${JSON.stringify({ at: new Date().toISOString(), args, results }, null, 2)}\n`);
  process.exit(results.every((r) => r.problems.length === 0) ? 0 : 1);
}

main().catch((error) => {
  process.stderr.write(`drill failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
