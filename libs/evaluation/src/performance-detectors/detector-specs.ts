import { ADWIN, DDM, EDDM, HDDMA, HDDMW, KSWIN, PageHinkley, type DriftDetector } from '@driftwatch/stats';
import type { PerformanceDetectorName } from '../policy/policy.types';

/** A detector parameter value as a policy may hold it (numbers; Page–Hinkley's mode and HDDM's twoSidedTest aside). */
export type DetectorParamValue = number | string | boolean | null;
export type DetectorParams = Readonly<Record<string, DetectorParamValue>>;

interface DetectorSpec {
  /** River's class, for messages. */
  readonly river: string;
  /** DDM, EDDM and the HDDMs read a 0/1 error stream: they cannot run on regression errors. */
  readonly binary: boolean;
  /** River's parameter names in camelCase: the only names a policy may use. */
  readonly params: readonly string[];
  /** The pipeline's values where they differ from River's (see detector-bank.ts). */
  readonly pipelineDefaults: DetectorParams;
  readonly build: (params: Record<string, unknown>) => DriftDetector;
  /** How many of the newest errors a firing compares with the errors before them (see detector-bank.ts). */
  readonly recent: (params: Record<string, unknown>) => number;
}

/** Errors compared with the rest of a detector's segment when it has no window of its own. */
export const RECENT_ERRORS = 100;

export const DETECTOR_SPECS: Readonly<Record<PerformanceDetectorName, DetectorSpec>> = {
  adwin: {
    river: 'river.drift.ADWIN',
    binary: false,
    params: ['delta', 'clock', 'maxBuckets', 'minWindowLength', 'gracePeriod'],
    pipelineDefaults: {},
    build: (p) => new ADWIN(p),
    recent: () => RECENT_ERRORS,
  },
  ddm: {
    river: 'river.drift.binary.DDM',
    binary: true,
    params: ['warmStart', 'warningThreshold', 'driftThreshold'],
    pipelineDefaults: {},
    build: (p) => new DDM(p),
    recent: () => RECENT_ERRORS,
  },
  eddm: {
    river: 'river.drift.binary.EDDM',
    binary: true,
    params: ['warmStart', 'alpha', 'beta'],
    pipelineDefaults: {},
    build: (p) => new EDDM(p),
    recent: () => RECENT_ERRORS,
  },
  hddmA: {
    river: 'river.drift.binary.HDDMA',
    binary: true,
    params: ['driftConfidence', 'warningConfidence', 'twoSidedTest'],
    pipelineDefaults: {},
    build: (p) => new HDDMA(p),
    recent: () => RECENT_ERRORS,
  },
  hddmW: {
    river: 'river.drift.binary.HDDMW',
    binary: true,
    params: ['driftConfidence', 'warningConfidence', 'lambdaVal', 'twoSidedTest'],
    pipelineDefaults: {},
    build: (p) => new HDDMW(p),
    recent: () => RECENT_ERRORS,
  },
  kswin: {
    river: 'river.drift.KSWIN',
    binary: false,
    params: ['alpha', 'windowSize', 'statSize', 'seed'],
    // River seeds from the OS when no seed is given; a fixed seed makes a replay of the same stream
    // fire at the same events (the generator state is saved with the detector either way).
    pipelineDefaults: { seed: 42 },
    build: (p) => new KSWIN(p),
    recent: (p) => (typeof p.statSize === 'number' ? p.statSize : 30),
  },
  pageHinkley: {
    river: 'river.drift.PageHinkley',
    binary: false,
    params: ['minInstances', 'delta', 'threshold', 'alpha', 'mode'],
    // River's default is 'both'; a monitor pages on errors going up only (detector-bank.ts).
    pipelineDefaults: { mode: 'up' },
    build: (p) => new PageHinkley(p),
    recent: () => RECENT_ERRORS,
  },
};

/** Thrown for a detector the policy names wrongly: unknown detector, unknown parameter, bad value. */
export class DetectorConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DetectorConfigError';
  }
}

/**
 * The constructor arguments for one policy entry: the pipeline's defaults, then the policy's params,
 * each name checked against River's (camelCase) and each value against its type.
 */
export function detectorArguments(name: string, params: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const spec = (DETECTOR_SPECS as Record<string, DetectorSpec | undefined>)[name];
  if (!spec) {
    throw new DetectorConfigError(`unknown performance detector "${name}" (known: ${Object.keys(DETECTOR_SPECS).join(', ')})`);
  }
  const args: Record<string, unknown> = { ...spec.pipelineDefaults };
  for (const [key, value] of Object.entries(params ?? {})) {
    if (!spec.params.includes(key)) {
      throw new DetectorConfigError(
        `performance detector ${name} (${spec.river}): unknown parameter "${key}" (known: ${spec.params.join(', ')})`,
      );
    }
    args[key] = checkedValue(name, key, value);
  }
  return args;
}

function checkedValue(name: string, key: string, value: unknown): unknown {
  if (key === 'mode') {
    if (value === 'up' || value === 'down' || value === 'both') return value;
    throw new DetectorConfigError(`performance detector ${name}: parameter "mode" must be 'up', 'down' or 'both', got ${JSON.stringify(value)}`);
  }
  if (key === 'twoSidedTest') {
    if (typeof value === 'boolean') return value;
    if (value === 0 || value === 1) return value === 1;
    throw new DetectorConfigError(`performance detector ${name}: parameter "twoSidedTest" must be true/false (or 1/0), got ${JSON.stringify(value)}`);
  }
  if (key === 'seed' && value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new DetectorConfigError(`performance detector ${name}: parameter "${key}" must be a finite number, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Builds the detector, turning the libs/stats constructors' range checks into the same error type. */
export function buildDetector(name: PerformanceDetectorName, args: Record<string, unknown>): DriftDetector {
  try {
    return DETECTOR_SPECS[name].build(args);
  } catch (e) {
    throw new DetectorConfigError(`performance detector ${name}: ${(e as Error).message}`);
  }
}
