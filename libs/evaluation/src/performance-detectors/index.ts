export { errorStream, compareErrorPoints, type ErrorPoint } from './error-stream';
export { DetectorBank, type DetectorBankJSON, type DetectorFiring, type DetectorNote } from './detector-bank';
export { DETECTOR_SPECS, DetectorConfigError, detectorArguments, type DetectorParams, type DetectorParamValue } from './detector-specs';
export { detectorFinding, type DetectorFindingContext } from './detector-finding';
export { DEFAULT_PERFORMANCE_DETECTORS } from './default-detectors';
