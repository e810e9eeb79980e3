import type { DynamicModule, Type } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { checkHttpBinding, ConfigError, holdsPlaceholderToken, loadConfig, type DriftwatchConfig } from '@driftwatch/config';
import { EmbeddedStoreLockedError, EmbeddedStoreOpenError } from '@driftwatch/store';
import { ServiceLogger } from './service-logger';

export interface HttpServiceOptions {
  /** Shown in logs: 'api', 'standalone'. */
  name: string;
  /** The root module for a validated configuration (it imports RuntimeModule.forRoot({config})). */
  rootModule: (config: DriftwatchConfig) => DynamicModule | Type<unknown>;
  /**
   * The HTTP setup of the hosted API (body parser, error shape, OpenAPI), applied right after
   * the app is created. The app is created with `bodyParser: false`: this must add the parser.
   */
  configureApp: (app: NestExpressApplication) => void;
  /** The line logged once the app listens, given its base URL (`http://127.0.0.1:8080`). */
  listeningMessage: (base: string) => string;
  /** Runs after the app is created, before it listens (e.g. to register readiness checks). */
  beforeListen?: (app: NestExpressApplication) => void | Promise<void>;
}

/**
 * Starts an HTTP service on HTTP_HOST:HTTP_PORT (refusing a non-loopback host without API
 * tokens) and stops it cleanly on SIGINT/SIGTERM (exit code 0).
 * Problems the operator must fix (bad configuration, a data directory held by another
 * process) print one `driftwatch: …` line and exit 1, without a stack trace.
 */
export async function runHttpService(options: HttpServiceOptions): Promise<NestExpressApplication> {
  const config = loadConfigOrExit();
  let app: NestExpressApplication;
  try {
    app = await NestFactory.create<NestExpressApplication>(options.rootModule(config), {
      abortOnError: false,
      bodyParser: false,
      logger: new ServiceLogger(),
    });
    options.configureApp(app);
    await options.beforeListen?.(app);
    await app.listen(config.httpPort, config.httpHost);
  } catch (error) {
    if (error instanceof EmbeddedStoreLockedError || error instanceof EmbeddedStoreOpenError) fail(error.message);
    // A root module that loads the configuration itself (RuntimeModule.forRoot() without one) fails the same way.
    if (error instanceof ConfigError) fail(`invalid configuration: ${error.problems.join('; ')}`);
    throw error;
  }
  stopOnSignals(app, options.name);
  const base = `http://${config.httpHost.includes(':') ? `[${config.httpHost}]` : config.httpHost}:${config.httpPort}`;
  const logger = new Logger(options.name);
  logger.log(options.listeningMessage(base));
  if (config.apiAuth.tokens.length === 0) logger.warn('API authentication is off (no DRIFTWATCH_API_TOKENS): anyone who can reach this loopback address may call every route');
  if (holdsPlaceholderToken(config.apiAuth)) logger.warn('DRIFTWATCH_API_TOKENS still holds a CHANGE-ME placeholder: replace it with a random token');
  return app;
}

function loadConfigOrExit(): DriftwatchConfig {
  try {
    const config = loadConfig();
    checkHttpBinding(config);
    return config;
  } catch (error) {
    if (error instanceof ConfigError) fail(`invalid configuration: ${error.problems.join('; ')}`);
    throw error;
  }
}

function fail(message: string): never {
  process.stderr.write(`driftwatch: ${message}\n`);
  process.exit(1);
}

/**
 * Nest's enableShutdownHooks re-raises the signal after closing, so the process would end
 * "killed by SIGTERM"; a graceful stop is a normal exit here. A second signal during a
 * slow close ends the process at once.
 */
function stopOnSignals(app: NestExpressApplication, name: string): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      process.stderr.write(`driftwatch: ${signal} again, stopping now\n`);
      process.exit(1);
    }
    stopping = true;
    new Logger(name).log(`${signal} received, shutting down`);
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`driftwatch: error while shutting down: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
