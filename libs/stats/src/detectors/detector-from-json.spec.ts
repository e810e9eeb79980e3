import { describe, expect, it } from 'vitest';
import { ADWIN } from './adwin';
import { DDM } from './ddm';
import { detectorFromJSON } from './detector-from-json';
import type { DetectorSnapshot, DriftDetector } from './drift-detector';
import { EDDM } from './eddm';
import { HDDMA } from './hddm-a';
import { HDDMW } from './hddm-w';
import { KSWIN } from './kswin';
import { PageHinkley } from './page-hinkley';

describe('detectorFromJSON', () => {
  const makers: [string, () => DriftDetector][] = [
    ['ADWIN', () => new ADWIN({ clock: 1 })],
    ['DDM', () => new DDM()],
    ['EDDM', () => new EDDM()],
    ['HDDM_A', () => new HDDMA()],
    ['HDDM_W', () => new HDDMW()],
    ['KSWIN', () => new KSWIN({ seed: 5 })],
    ['PageHinkley', () => new PageHinkley()],
  ];

  it.each(makers)('restores a %s from its JSON text to the same class and state', (_, make) => {
    const d = make();
    for (let i = 0; i < 300; i++) d.update(i % 5 === 0 ? 1 : 0);
    const restored = detectorFromJSON(JSON.parse(JSON.stringify(d)));
    expect(restored.constructor).toBe(d.constructor);
    expect(restored.toJSON()).toEqual(d.toJSON());
  });

  it('rejects an unknown kind', () => {
    expect(() => detectorFromJSON({ kind: 'CUSUM', params: {}, state: {} } as unknown as DetectorSnapshot)).toThrow(
      TypeError,
    );
  });

  it('rejects a snapshot of another kind in fromJSON', () => {
    expect(() => DDM.fromJSON(new EDDM().toJSON() as never)).toThrow(TypeError);
  });
});
