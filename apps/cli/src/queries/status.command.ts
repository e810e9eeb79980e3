import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { json, queryAction } from './query-command';
import type { IncidentView } from './query-views';
import { renderStatus } from './status-table';

/** `driftwatch status`: every model version, its last window and its open incidents by severity. */
export function registerStatusCommand(program: Command, io: CliIo): Command {
  const status = program.command('status').description('models and versions, their last window and open incidents by severity');
  return queryAction(
    status,
    io,
    async (api, _options, format) => {
      const models = await api.models();
      const open = await api.pages<{ incidents: IncidentView[]; nextCursor: string | null }, IncidentView>(
        '/api/incidents',
        { status: 'open', limit: 1000 },
        (a) => a.incidents,
      );
      const data = { models, openIncidents: open.items };
      return format === 'json' ? json(data) : renderStatus(data);
    },
    '  driftwatch status --api http://127.0.0.1:8080',
  );
}
