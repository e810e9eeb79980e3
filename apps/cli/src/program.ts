import { Command } from 'commander';
// The CLI package's own version (apps/cli/package.json), which `npm install` builds beside the code.
import { version } from '../package.json';
import { processIo, type CliIo } from './cli-io';
import { EXIT_USAGE } from './cli-error';
import { registerBaselineCommand } from './baseline/baseline.command';
import { registerCompareCommand } from './compare/compare.command';
import { registerPolicyCommand } from './policy/policy.command';
import { registerQueryCommands } from './queries/register-queries';
import { registerReportCommand } from './report/report.command';
import { registerSimulateCommand } from './simulate/simulate.command';

export function buildProgram(io: CliIo = processIo): Command {
  const program = new Command('driftwatch')
    .description('Driftwatch: drift monitoring for machine-learning models in production')
    .version(version, '-v, --version', 'print the version of driftwatch')
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
      // Bad usage is one line, `driftwatch: …`, like every other error of this CLI.
      outputError: (text, write) => write(`driftwatch: ${text.replace(/^error: /, '').trim()} (see --help)\n`),
    })
    .exitOverride((err) => {
      // commander has printed its message (or the help/version); bad usage is exit code 2 everywhere.
      io.exit(err.exitCode === 0 ? 0 : EXIT_USAGE);
    });
  registerCompareCommand(program, io);
  registerBaselineCommand(program, io);
  registerPolicyCommand(program, io);
  registerReportCommand(program, io);
  registerSimulateCommand(program, io);
  // Read-only queries of a running Driftwatch (status, incidents, windows, drift).
  registerQueryCommands(program, io);
  return program;
}
