// One drift decision for the batch CLI and the streaming evaluator: which methods exist and
// what they fit, when a value signals drift, which rule decides a feature, how p-values are
// corrected together and when the dataset as a whole drifted.
export * from './method-registry';
export * from './threshold';
export * from './default-drift-rule';
export * from './correction';
export * from './dataset-drift';
export * from './calibrated-decision';
