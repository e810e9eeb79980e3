import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { registerDriftCommand } from './drift.command';
import { registerIncidentsCommand } from './incidents.command';
import { registerStatusCommand } from './status.command';
import { registerWindowsCommand } from './windows.command';

/** The read-only queries of a running Driftwatch: status, incidents, windows, drift. */
export function registerQueryCommands(program: Command, io: CliIo): void {
  registerStatusCommand(program, io);
  registerIncidentsCommand(program, io);
  registerWindowsCommand(program, io);
  registerDriftCommand(program, io);
}
