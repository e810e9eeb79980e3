import { Option, type Command } from 'commander';
import { CliError } from '../cli-error';
import type { CliIo } from '../cli-io';
import { json, queryAction } from './query-command';
import type { IncidentView } from './query-views';
import { renderIncidents } from './incidents-table';

interface IncidentsOptions {
  model?: string;
  modelVersion?: string;
  status: 'open' | 'resolved' | 'all';
  limit: string;
}

// The API's largest page: fewer round trips for long lists.
const API_PAGE_MAX = 1000;

/** `driftwatch incidents`: incidents, most recently updated first, with their evidence. */
export function registerIncidentsCommand(program: Command, io: CliIo): Command {
  const incidents = program
    .command('incidents')
    .description('incidents, most recently updated first, with their evidence')
    .option('--model <id>', 'only this model')
    .option('--model-version <version>', 'only this model version (with --model)')
    .addOption(new Option('--status <status>', 'open, resolved or all').choices(['open', 'resolved', 'all']).default('open'))
    .option('--limit <n>', 'at most this many, the most recently updated', '100');
  return queryAction<IncidentsOptions>(
    incidents,
    io,
    async (api, o, format) => {
      const limit = positiveInteger('--limit', o.limit);
      if (o.modelVersion !== undefined && o.model === undefined) throw new CliError('--model-version needs --model');
      const page = await api.pages<{ incidents: IncidentView[]; nextCursor: string | null }, IncidentView>(
        '/api/incidents',
        { model: o.model, version: o.modelVersion, status: o.status === 'all' ? undefined : o.status, limit: Math.min(limit, API_PAGE_MAX) },
        (a) => a.incidents,
        limit,
      );
      if (page.items.length === 0 && o.model !== undefined) await api.checkModel(o.model);
      return format === 'json' ? json({ incidents: page.items, more: page.more }) : renderIncidents(page.items, { status: o.status, more: page.more, limit });
    },
    '  driftwatch incidents --model credit-risk --status all --format table',
  );
}

export function positiveInteger(option: string, value: string): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new CliError(`${option}: expected a positive integer, got ${JSON.stringify(value)}`);
  return n;
}
