import type { Command } from 'commander';
import { CliError } from '../cli-error';
import type { CliIo } from '../cli-io';
import { unknownVersionMessage } from './query-api';
import { formatTime } from './query-format';
import { json, queryAction } from './query-command';
import type { WindowList, WindowView } from './query-views';
import { parseTimeRange, TIME_OPTION_FORMS } from './time-option';
import { renderWindows } from './windows-table';

interface WindowsOptions {
  model: string;
  modelVersion?: string;
  from?: string;
  to?: string;
}

// The API's largest page of windows: fewer round trips over a day of one-minute windows.
const API_PAGE_MAX = 1000;

/** `driftwatch windows`: a model's stored windows in a time range, every page. */
export function registerWindowsCommand(program: Command, io: CliIo): Command {
  const windows = program
    .command('windows')
    .description("a model's windows in a time range: events, late events, missing values, type errors")
    .requiredOption('--model <id>', 'model id')
    .option('--model-version <version>', 'only this model version')
    .option('--from <time>', 'windows starting at or after it (default: 24h before --to); ISO-8601, epoch ms, or ago: 30m, 2h, 7d')
    .option('--to <time>', 'windows starting before it (default: now); at most 31 days after --from')
    .addHelpText('after', `\n--from and --to take ${TIME_OPTION_FORMS.replace(', epoch', ',\nepoch')}.`);
  return queryAction<WindowsOptions>(
    windows,
    io,
    async (api, o, format) => {
      const now = Date.now();
      const range = parseTimeRange(o.from, o.to, now);
      // The API's default `to` is its own clock; the CLI's `now` is the one the user meant by 2h.
      const to = range.to ?? now;
      const from = range.from ?? to - 24 * 3_600_000;
      const path = `/api/models/${encodeURIComponent(o.model)}/windows`;
      const page = await api.pages<WindowList & { nextCursor: string | null }, WindowView>(
        path,
        { from, to, version: o.modelVersion, limit: API_PAGE_MAX },
        (a) => a.windows,
      );
      const list: WindowList = { modelId: page.first.modelId, modelVersion: page.first.modelVersion, from: page.first.from, to: page.first.to, windows: page.items };
      if (list.windows.length === 0) {
        const model = await api.model(o.model);
        const version = o.modelVersion === undefined ? undefined : model.versions.find((v) => v.modelVersion === o.modelVersion);
        // The catalog lists at most 100 versions of a model: only a complete list can say one is unknown.
        const complete = model.versions.length >= model.versionCount;
        if (o.modelVersion !== undefined && version === undefined && complete) throw new CliError(unknownVersionMessage(o.model, o.modelVersion, model.versions));
        if (format === 'table') {
          const last = (version ? [version] : model.versions).map((v) => v.lastWindowEnd).filter((t): t is string => t !== null).sort().at(-1);
          return `${renderWindows(list)}${last === undefined ? '' : `its last window ended ${formatTime(last)} UTC: pass --from and --to around it\n`}`;
        }
      }
      return format === 'json' ? json(list) : renderWindows(list);
    },
    '  driftwatch windows --model credit-risk --from 2h --format table\n  driftwatch windows --model credit-risk --from 2026-12-01 --to 2026-12-02T06:00 --format json',
  );
}
