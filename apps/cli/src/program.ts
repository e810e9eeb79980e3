import { Command } from 'commander';

export function buildProgram(): Command {
  const program = new Command('driftwatch')
    .description('Driftwatch: drift monitoring for machine-learning models in production')
    .showHelpAfterError()
    .exitOverride((err) => {
      // commander prints its own message; bad usage is exit code 2 everywhere in this CLI.
      process.exit(err.exitCode === 0 ? 0 : 2);
    });
  return program;
}
