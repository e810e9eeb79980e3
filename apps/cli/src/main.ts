import { buildProgram } from './program';

buildProgram()
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    // Anything reaching here is a bug, not bad input: usage errors exit 2 inside the commands.
    process.stderr.write(`driftwatch: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(70);
  });
