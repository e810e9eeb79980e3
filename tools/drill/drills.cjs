// The drills. Each runs the pipeline under load, does its harm, lets it recover, and returns
// what `verify` found (plus its own timings). `npm run drill` runs them long; the specs in
// apps/standalone/test/drills.e2e.spec.ts run them short in CI.
'use strict';
const { generator } = require('../bench/bench-support.cjs');
const { pipeline, privateBroker, say, sleep, verify, webhookReceiver } = require('./drill-env.cjs');

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function summary(values) {
  if (values.length === 0) return '-';
  const sorted = [...values].sort((a, b) => a - b);
  return `median ${seconds(sorted[Math.floor(sorted.length / 2)])}, worst ${seconds(sorted[sorted.length - 1])}`;
}

async function finish(p, options) {
  await p.endLoad();
  say(`  load stopped after ${p.windowsSent} windows; waiting for every consumer group to drain`);
  await p.waitDrained();
  return verify(p, options);
}

/**
 * kill -9 of the process hosting the aggregator, evaluator and alerter at random moments under
 * load, `cycles` times, restarting it each time; a webhook receiver counts the deliveries.
 */
async function killDrill({ cycles = 20, minUpMs = 2_000, maxUpMs = 12_000, seed = 1, rate = 3000 } = {}) {
  const receiver = await webhookReceiver();
  const p = await pipeline('kill', { seed, rate });
  const rand = generator(seed);
  try {
    await p.start();
    const destination = await p.setup(receiver.url);
    p.startLoad();
    await p.waitConsuming();
    const toConsuming = [];
    for (let c = 1; c <= cycles; c++) {
      const up = minUpMs + Math.floor(rand.uniform() * (maxUpMs - minUpMs));
      await sleep(up);
      const { signal } = await p.kill9();
      const restart = Date.now();
      await p.start();
      const consuming = await p.waitConsuming(300_000);
      toConsuming.push(Date.now() - restart);
      say(`  kill ${c}/${cycles}: ${signal} after ${seconds(up)} of consuming; consuming again ${seconds(Date.now() - restart)} after the restart (${p.windowsSent} windows sent)`);
      void consuming;
    }
    const result = await finish(p, { receiver, destinationId: destination.id });
    return { drill: 'kill -9 (standalone)', harm: `${cycles} × SIGKILL`, recovery: `consuming again: ${summary(toConsuming)}`, ...result };
  } finally {
    await p.close();
    await receiver.down().catch(() => undefined);
  }
}

/** The broker stopped for `downSeconds` under load, then started again: a private broker, never a shared one. */
async function brokerDrill({ downSeconds = 30, runBeforeMs = 10_000, runAfterMs = 20_000, seed = 2, rate = 3000 } = {}) {
  const broker = await privateBroker('outage');
  say(`  drill broker on ${broker.brokers} (DRIFTWATCH_DATA_DIR=${broker.dataDir}): started in ${seconds(broker.start())}`);
  const receiver = await webhookReceiver();
  let p;
  try {
    p = await pipeline('broker', { brokers: broker.brokers, seed, rate });
    await p.start();
    const destination = await p.setup(receiver.url);
    p.startLoad();
    await p.waitConsuming();
    await sleep(runBeforeMs);
    const stopMs = broker.stop();
    say(`  broker stopped (${seconds(stopMs)}); down for ${downSeconds} s with the load still producing (${p.windowsSent} windows sent)`);
    await sleep(downSeconds * 1000);
    say(`  broker started again in ${seconds(broker.start())}`);
    const back = Date.now();
    const consuming = await p.waitConsuming(300_000);
    const recovery = Date.now() - back;
    say(`  aggregator committing again ${seconds(recovery)} after the broker was ready; load goes on for ${seconds(runAfterMs)}`);
    await sleep(runAfterMs);
    void consuming;
    const result = await finish(p, { receiver, destinationId: destination.id });
    return { drill: 'broker outage', harm: `broker down ${downSeconds} s`, recovery: `consuming again ${seconds(recovery)} after the broker was ready; producer retried ${p.sendFailures} sends`, ...result };
  } finally {
    await p?.close();
    await receiver.down().catch(() => undefined);
    broker.remove();
  }
}

/** The webhook receiver down for `downSeconds` under load: every delivery must arrive afterwards, once. */
async function webhookDrill({ downSeconds = 300, runBeforeMs = 10_000, runAfterMs = 10_000, seed = 3, rate = 1500, extraEnv = {} } = {}) {
  const receiver = await webhookReceiver();
  const p = await pipeline('webhook', { seed, rate, extraEnv });
  try {
    await p.start();
    const destination = await p.setup(receiver.url);
    p.startLoad();
    await p.waitConsuming();
    await sleep(runBeforeMs);
    await receiver.down();
    const before = receiver.deliveries.length;
    say(`  webhook receiver down for ${downSeconds} s (${before} deliveries so far)`);
    await sleep(downSeconds * 1000);
    await receiver.up();
    const back = Date.now();
    say(`  webhook receiver up again`);
    await sleep(runAfterMs);
    const result = await finish(p, { receiver, destinationId: destination.id });
    const caughtUp = Math.max(0, ...receiver.deliveries.filter((d) => d.at >= back).map((d) => d.at)) - back;
    if (result.webhooks.repeated) result.problems.push(`${result.webhooks.repeated} webhook deliveries accepted more than once (no process was killed)`);
    return {
      drill: 'webhook receiver down',
      harm: `receiver down ${downSeconds} s`,
      recovery: `${receiver.deliveries.length - before} deliveries after the outage, the last ${seconds(Math.max(0, caughtUp))} after it ended; attempts up to ${result.webhooks.maxAttempt}`,
      ...result,
    };
  } finally {
    await p.close();
    await receiver.down().catch(() => undefined);
  }
}

/**
 * A zombie consumer: the process paused (SIGSTOP) longer than the consumer session timeout (30 s),
 * so the broker expels its members while they hold partitions and in-flight flushes, then resumed
 * (SIGCONT): the members must notice their generation is over, give up what they held and rejoin.
 */
async function zombieDrill({ pauseSeconds = 45, seed = 4, rate = 3000, runAfterMs = 15_000 } = {}) {
  const receiver = await webhookReceiver();
  const p = await pipeline('zombie', { seed, rate });
  try {
    await p.start();
    const destination = await p.setup(receiver.url);
    p.startLoad();
    await p.waitConsuming();
    await sleep(3_000 + Math.floor(generator(seed).uniform() * 5_000));
    p.signal('SIGSTOP');
    say(`  process paused (SIGSTOP) for ${pauseSeconds} s, past the 30 s session timeout (${p.windowsSent} windows sent)`);
    await sleep(pauseSeconds * 1000);
    p.signal('SIGCONT');
    const back = Date.now();
    await p.waitConsuming(300_000);
    const recovery = Date.now() - back;
    say(`  resumed (SIGCONT); committing again after ${seconds(recovery)}`);
    await sleep(runAfterMs);
    const result = await finish(p, { receiver, destinationId: destination.id });
    return { drill: 'zombie (paused past session)', harm: `SIGSTOP ${pauseSeconds} s`, recovery: `consuming again ${seconds(recovery)} after SIGCONT`, ...result };
  } finally {
    await p.close();
    await receiver.down().catch(() => undefined);
  }
}

/**
 * kill -9 of the aggregator, the evaluator and the alerter, each its own process (distributed mode
 * on one machine: the store server holds the embedded engine), `rounds` times each: in every round
 * the three are killed in a random order at random moments under load and restarted at once.
 */
async function servicesKillDrill({ rounds = 20, seed = 6, rate = 3000 } = {}) {
  const receiver = await webhookReceiver();
  const p = await pipeline('services', { seed, rate, distributed: true });
  const rand = generator(seed);
  const services = ['aggregator-1', 'evaluator', 'alerter'];
  try {
    await p.start();
    const destination = await p.setup(receiver.url);
    p.startLoad();
    await Promise.all(services.map((s) => p.waitConsuming(180_000, s)));
    for (let r = 1; r <= rounds; r++) {
      const order = [...services].sort(() => rand.uniform() - 0.5);
      const killedAt = new Map();
      for (const name of order) {
        await sleep(1_000 + Math.floor(rand.uniform() * 5_000));
        await p.proc(name).kill9();
        killedAt.set(name, Date.now());
        await p.proc(name).start();
      }
      const back = await Promise.all(order.map(async (name) => {
        await p.waitConsuming(600_000, name);
        return `${name.replace(/-1$/, '')} ${seconds(Date.now() - killedAt.get(name))}`;
      }));
      say(`  round ${r}/${rounds}: killed ${order.map((n) => n.replace(/-1$/, '')).join(', ')}; consuming again after ${back.join(', ')} (${p.windowsSent} windows sent)`);
    }
    const result = await finish(p, { receiver, destinationId: destination.id });
    return { drill: 'kill -9 (aggregator, evaluator, alerter processes)', harm: `${rounds} × SIGKILL each`, recovery: `${rounds * 3} kills, each service restarted and consuming again within the round`, ...result };
  } finally {
    await p.close();
    await receiver.down().catch(() => undefined);
  }
}

/**
 * A zombie member: two aggregator processes in one group (distributed mode on one machine); one
 * is paused (SIGSTOP) past the 30 s session timeout, the other takes its partitions over, then the
 * paused one resumes (SIGCONT) with flushes of partitions it no longer owns in hand.
 */
async function zombieMemberDrill({ pauseSeconds = 45, seed = 7, rate = 3000, runAfterMs = 15_000 } = {}) {
  const receiver = await webhookReceiver();
  const p = await pipeline('zombie2', { seed, rate, distributed: true, aggregators: 2 });
  try {
    await p.start();
    const destination = await p.setup(receiver.url);
    p.startLoad();
    await p.waitConsuming();
    await sleep(5_000 + Math.floor(generator(seed).uniform() * 5_000));
    const before = await p.aggregatorGroup();
    p.proc('aggregator-1').signal('SIGSTOP');
    say(`  aggregator-1 paused (SIGSTOP) for ${pauseSeconds} s; the group has ${before.members} members`);
    await sleep(pauseSeconds * 1000);
    const during = await p.aggregatorGroup();
    const advanced = [...during.offsets].filter(([q, o]) => o > (before.offsets.get(q) ?? -1)).map(([q]) => q);
    p.proc('aggregator-1').signal('SIGCONT');
    const back = Date.now();
    say(`  before SIGCONT the group had ${during.members} member(s); partitions committed during the pause: ${advanced.join(', ') || 'none'}`);
    await sleep(runAfterMs);
    const after = await p.aggregatorGroup();
    say(`  resumed; ${after.members} member(s) ${seconds(Date.now() - back)} later`);
    const result = await finish(p, { receiver, destinationId: destination.id });
    if (during.members !== 1) result.problems.push(`the paused member was not expelled: ${during.members} members at the end of the pause`);
    return {
      drill: 'zombie aggregator (2 members)',
      harm: `SIGSTOP ${pauseSeconds} s of 1 of 2`,
      recovery: `group ${before.members} → ${during.members} member(s) during the pause (partitions ${advanced.join(', ') || 'none'} committed meanwhile) → ${after.members} after SIGCONT`,
      ...result,
    };
  } finally {
    await p.close();
    await receiver.down().catch(() => undefined);
  }
}

/**
 * The short drill CI runs (apps/standalone/test/drills.e2e.spec.ts), several harms in one run to
 * stay within a few minutes: the webhook receiver goes down, the process is killed with SIGKILL
 * `kills` times and restarted, then paused (SIGSTOP) past the 30 s session timeout and resumed;
 * the receiver comes back only then, after more than its circuit's first open period.
 */
async function ciDrill({ kills = 1, pauseSeconds = 35, seed = 5, rate = 2000 } = {}) {
  const receiver = await webhookReceiver();
  // Probes every 10 s rather than every minute: the deliveries flow soon after the receiver is back.
  const p = await pipeline('ci', { seed, rate, extraEnv: { DRIFTWATCH_WEBHOOK_BREAKER_OPEN_MS: '10000' } });
  const rand = generator(seed);
  try {
    await p.start();
    const destination = await p.setup(receiver.url);
    p.startLoad();
    await p.waitConsuming();
    await sleep(3_000);
    await receiver.down();
    const down = Date.now();
    say(`  webhook receiver down (${receiver.deliveries.length} deliveries so far)`);
    for (let c = 1; c <= kills; c++) {
      await sleep(1_000 + Math.floor(rand.uniform() * 4_000));
      const { signal } = await p.kill9();
      const restart = Date.now();
      await p.start();
      await p.waitConsuming();
      say(`  kill ${c}/${kills}: ${signal}; consuming again ${seconds(Date.now() - restart)} after the restart`);
    }
    await sleep(1_000 + Math.floor(rand.uniform() * 2_000));
    p.signal('SIGSTOP');
    say(`  paused (SIGSTOP) for ${pauseSeconds} s`);
    await sleep(pauseSeconds * 1000);
    p.signal('SIGCONT');
    const resumed = Date.now();
    await p.waitConsuming(300_000);
    say(`  resumed (SIGCONT); consuming again after ${seconds(Date.now() - resumed)}`);
    await receiver.up();
    const downFor = Date.now() - down;
    say(`  webhook receiver up again after ${seconds(downFor)}`);
    await sleep(3_000);
    const result = await finish(p, { receiver, destinationId: destination.id });
    return { drill: 'CI: kill -9, zombie, receiver down', harm: `${kills} × SIGKILL, SIGSTOP ${pauseSeconds} s, receiver down ${seconds(downFor)}`, receiverDownMs: downFor, ...result };
  } finally {
    await p.close();
    await receiver.down().catch(() => undefined);
  }
}

module.exports = { killDrill, servicesKillDrill, brokerDrill, webhookDrill, zombieDrill, zombieMemberDrill, ciDrill };
