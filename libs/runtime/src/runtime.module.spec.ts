import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { loadConfig } from '@driftwatch/config';
import { BaselineRepository, IncidentRepository, LabelRepository, PolicyRepository, WindowRepository, type Store } from '@driftwatch/store';
import { tempDir } from '@driftwatch/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { RuntimeModule } from './runtime.module';
import { AGGREGATOR_CONFIG, ALERTER_CONFIG, DRIFTWATCH_CONFIG, EVALUATOR_CONFIG, LABELS_CONFIG, STORE } from './tokens';

const data = tempDir('driftwatch-runtime-');
afterAll(() => data.remove());

describe('RuntimeModule', () => {
  it('gives each service its section of the one configuration, and repositories on the one store', async () => {
    const config = loadConfig({ DRIFTWATCH_DATA_DIR: data.dir });
    const app = await Test.createTestingModule({ imports: [RuntimeModule.forRoot({ config })] }).compile();
    try {
      expect(app.get(DRIFTWATCH_CONFIG)).toBe(config);
      expect(app.get(AGGREGATOR_CONFIG)).toBe(config.aggregator);
      expect(app.get(EVALUATOR_CONFIG)).toBe(config.evaluator);
      expect(app.get(ALERTER_CONFIG)).toBe(config.alerter);
      const store = app.get<Store>(STORE);
      // The store's own repositories are shared, not doubled.
      expect(app.get(BaselineRepository)).toBe(store.baselines);
      expect(app.get(WindowRepository)).toBe(store.windows);
      expect(app.get(IncidentRepository)).toBeInstanceOf(IncidentRepository);
      expect(app.get(PolicyRepository)).toBe(app.get(PolicyRepository));
    } finally {
      await app.close();
    }
  });

  it('provides the labels section and a LabelRepository on the one store', async () => {
    const config = loadConfig({ DRIFTWATCH_DATA_DIR: data.dir, DRIFTWATCH_LABEL_RETENTION_DAYS: '7' });
    const app = await Test.createTestingModule({ imports: [RuntimeModule.forRoot({ config })] }).compile();
    try {
      expect(app.get(LABELS_CONFIG)).toBe(config.labels);
      const labels = app.get(LabelRepository);
      expect(labels).toBeInstanceOf(LabelRepository);
      await labels.save([{ modelId: 'runtime-m', eventId: 'e', timestamp: Date.now(), label: true }]);
      expect(await labels.count('runtime-m')).toBe(1);
    } finally {
      await app.close();
    }
  });
});
