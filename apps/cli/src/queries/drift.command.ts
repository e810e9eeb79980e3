import type { Command } from 'commander';
import { CliError } from '../cli-error';
import type { CliIo } from '../cli-io';
import { renderDrift } from './drift-table';
import { unknownVersionMessage } from './query-api';
import { formatTime } from './query-format';
import { json, queryAction } from './query-command';
import type { DriftEvaluationView } from './query-views';

interface DriftOptions {
  model: string;
  modelVersion?: string;
}

const DAY_MS = 86_400_000;
// Evaluations of the last day of windows looked at for the newest judged one (a minute's windows: a few hours).
const LOOK_BACK = 500;

/** `driftwatch drift`: the latest drift of every feature of a model, most drifted first. */
export function registerDriftCommand(program: Command, io: CliIo): Command {
  const drift = program
    .command('drift')
    .description("a model's latest judged window: per feature the method, score, threshold and decision, most drifted first")
    .requiredOption('--model <id>', 'model id')
    .option('--model-version <version>', 'this model version (default: the one whose window was judged last)');
  return queryAction<DriftOptions>(
    drift,
    io,
    async (api, o, format) => {
      const model = await api.model(o.model);
      const versions = o.modelVersion === undefined ? model.versions : model.versions.filter((v) => v.modelVersion === o.modelVersion);
      if (o.modelVersion !== undefined && versions.length === 0 && model.versions.length >= model.versionCount) {
        throw new CliError(unknownVersionMessage(o.model, o.modelVersion, model.versions));
      }
      // Event time, not the clock: a backfill or a compressed simulation ends in the past.
      const lastEnd = versions.map((v) => v.lastWindowEnd).filter((t): t is string => t !== null).sort().at(-1);
      const to = lastEnd === undefined ? Date.now() : Date.parse(lastEnd);
      const answer = await api.get<{ evaluations: DriftEvaluationView[] }>(`/api/models/${encodeURIComponent(o.model)}/drift`, {
        from: to - DAY_MS,
        to,
        version: o.modelVersion,
        granularity: 'window',
        limit: LOOK_BACK,
      });
      // Oldest first; unjudged windows (too few events, no baseline) and performance evaluations carry no feature drift.
      const latest = answer.evaluations.filter((e) => e.judged && e.features.length > 0).at(-1) ?? null;
      if (format === 'json') return json({ modelId: o.model, evaluation: latest });
      if (latest !== null) return renderDrift(o.model, latest);
      const of = `${o.model}${o.modelVersion === undefined ? '' : ` version ${o.modelVersion}`}`;
      return lastEnd === undefined
        ? `no window of ${of} yet: nothing judged\n`
        : `no judged window of ${of} in the day up to its last window (${formatTime(lastEnd)} UTC):\n` +
            `a window is judged once its version has a baseline and it holds the policy's minimum of events\n`;
    },
    '  driftwatch drift --model credit-risk --format table',
  );
}
