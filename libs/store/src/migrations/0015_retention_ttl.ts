import { DEFAULT_RETENTION_CONFIG } from '@driftwatch/config';
import { modifyTtlStatement, RETENTION_RULES } from '../retention/retention-ttl';
import type { Migration } from './migration';

/*
 * Retention: a TTL at the default retention on every table that grows with traffic (windows and
 * their features and value kinds, drift results, performance windows, incidents; event samples'
 * 30 days stated again). MODIFY TTL replaces any TTL, so running it again is harmless. A
 * configured retention other than the default is applied by the store when it opens
 * (applyRetention), which also covers a database migrated before the setting changed.
 */
export const retentionTtlMigration: Migration = {
  version: 15,
  name: 'retention ttl',
  statements: (db) => RETENTION_RULES.map((rule) => modifyTtlStatement(db, rule, DEFAULT_RETENTION_CONFIG[rule.setting])),
};
