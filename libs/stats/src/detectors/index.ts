// Streaming concept-drift detectors, ports of River 0.26 (river.drift / river.drift.binary) checked against
// River's detection indices in fixtures/detectors.json.
export * from './drift-detector';
export * from './adwin';
export * from './ddm';
export * from './eddm';
export * from './hddm-a';
export * from './hddm-w';
export * from './kswin';
export * from './page-hinkley';
export { PythonRandom, type PythonRandomState } from './python-random';
export { detectorFromJSON } from './detector-from-json';
