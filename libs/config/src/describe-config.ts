import type { DriftwatchConfig } from './driftwatch-config';

/**
 * A one-line, log-safe summary of the configuration for start-up logs: secrets never appear,
 * only whether one is set.
 */
export function describeConfig(config: DriftwatchConfig): string {
  const ch = config.clickhouse;
  const clickhouse =
    ch.mode === 'embedded'
      ? `embedded at ${config.dataDir}/clickhouse`
      : `server ${ch.url}${ch.user ? ` as ${ch.user}` : ''}${ch.password ? ' (password set)' : ''}`;
  const t = config.topics;
  const w = config.window;
  const k = config.kafka;
  const tls = k.tls ? ` tls=on${k.tls.files.ca ? ` ca=${k.tls.files.ca}` : ''}${k.tls.files.cert ? ` cert=${k.tls.files.cert}` : ''}${k.tls.rejectUnauthorized ? '' : ' (certificates NOT verified)'}` : '';
  const sasl = k.sasl ? ` sasl=${k.sasl.mechanism} as ${k.sasl.username}${k.tls ? '' : ' (without TLS)'}` : '';
  return [
    `kafka=${k.brokers.join(',')} sessionTimeout=${k.sessionTimeoutMs / 1000}s${k.maxMessageBytes ? ` maxMessageBytes=${k.maxMessageBytes}` : ''}${tls}${sasl}`,
    `clickhouse=${clickhouse} database=${ch.database}`,
    `dataDir=${config.dataDir}`,
    `httpHost=${config.httpHost} httpPort=${config.httpPort}`,
    `apiTokens=${describeTokens(config)}`,
    `topics=${[t.events, t.labels, t.windows, t.evaluations, t.incidents, t.dlq].join(',')}`,
    `window=${w.sizeSeconds}s (out-of-order ${w.outOfOrdernessSeconds}s, grace ${w.graceSeconds}s, idle close ${w.idleCloseSeconds}s)`,
    `maxEventBytes=${config.maxEventBytes}`,
  ].join(' ');
}

function describeTokens(config: DriftwatchConfig): string {
  const { tokens, metricsAuth } = config.apiAuth;
  if (tokens.length === 0) return 'none (authentication off)';
  const counts = ['read', 'write', 'admin'].map((scope) => `${tokens.filter((t) => t.scope === scope).length} ${scope}`);
  return `${counts.join(', ')}${metricsAuth ? ' (metrics too)' : ''}`;
}
