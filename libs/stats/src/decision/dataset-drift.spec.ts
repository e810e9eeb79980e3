import { describe, expect, it } from 'vitest';
import { datasetDrift } from './dataset-drift';

describe('datasetDrift', () => {
  it('drift when the share of drifted features reaches the threshold (0.5 by default)', () => {
    expect(datasetDrift([true, false])).toEqual({ detected: true, share: 0.5, threshold: 0.5, drifted: 1, features: 2 });
    expect(datasetDrift([true, false, false])).toMatchObject({ detected: false, drifted: 1, features: 3 });
    expect(datasetDrift([true, false, false], 1 / 3).detected).toBe(true);
  });

  it('nothing counted is no drift, even at a threshold of 0', () => {
    expect(datasetDrift([], 0)).toEqual({ detected: false, share: 0, threshold: 0, drifted: 0, features: 0 });
  });
});
