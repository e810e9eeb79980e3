import type { DynamicModule, Type } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { checkHttpBinding, ConfigError, holdsPlaceholderToken, loadConfig, type DriftwatchConfig } from '@driftwatch/config';
import { EmbeddedStoreLockedError, EmbeddedStoreOpenError } from '@driftwatch/store';
import { ServiceLogger } from './service-logger';
import { stopOnSignals } from './stop-on-signals';

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
  /** What a stop will flush and leave, for its log line (default: DEFAULT_STOP_WORK). */
  describeStop?: (app: NestExpressApplication) => string;
  /**
   * Values for variables the environment leaves unset, validated like the rest: a mode's own
   * defaults (the standalone mode's shorter KAFKA_SESSION_TIMEOUT_MS).
   */
  envDefaults?: Readonly<Record<string, string>>;
}

/**
 * Starts an HTTP service on HTTP_HOST:HTTP_PORT (refusing a non-loopback host without API
 * tokens) and stops it cleanly, once, on SIGINT/SIGTERM/SIGHUP (exit code 0; see stopOnSignals).
 * Problems the operator must fix (bad configuration, a data directory held by another
 * process) print one `driftwatch: …` line and exit 1, without a stack trace.
 */
export async function runHttpService(options: HttpServiceOptions): Promise<NestExpressApplication> {
  const signals = stopOnSignals(options.name);
  const config = loadConfigOrExit({ ...options.envDefaults, ...process.env });
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
  signals.running(app, options.describeStop && (() => options.describeStop!(app)));
  const base = `http://${config.httpHost.includes(':') ? `[${config.httpHost}]` : config.httpHost}:${config.httpPort}`;
  const logger = new Logger(options.name);
  logger.log(options.listeningMessage(base));
  if (config.apiAuth.tokens.length === 0) logger.warn('API authentication is off (no DRIFTWATCH_API_TOKENS): anyone who can reach this loopback address may call every route');
  if (holdsPlaceholderToken(config.apiAuth)) logger.warn('DRIFTWATCH_API_TOKENS still holds a CHANGE-ME placeholder: replace it with a random token');
  return app;
}

function loadConfigOrExit(env: NodeJS.ProcessEnv): DriftwatchConfig {
  try {
    const config = loadConfig(env);
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
