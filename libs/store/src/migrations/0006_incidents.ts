import type { Migration } from './migration';

/*
 * The alerter's tables (issue 4).
 *
 * incident_states — the incident state machine's memory per (model, granularity): counters of
 *   every (kind, feature) key, the open incidents, the recently applied evaluation ids. One JSON
 *   row per write, versioned by `revision`; the newest revision wins. The alerter writes it after
 *   publishing the events it caused and before committing the evaluations' offsets, so a restart
 *   (or another alerter taking the partition over) resumes exactly there. Replaying an evaluation
 *   rewrites the same revision with the same content, which the engine collapses.
 *
 * incidents — the latest view of every incident, for the API (GET /api/incidents) and the
 *   driftwatch_incidents_open gauge; versioned by the incident's own `revision`.
 *
 * webhook_destinations — on-call destinations set through the API (POST /api/webhooks). The
 *   signing secret and PagerDuty routing key are stored as given: the alerter needs them in
 *   clear to sign and send, so protect this table with ClickHouse access rights. A delete is a
 *   row with deleted = 1 and a higher revision.
 */
export const incidentsMigration: Migration = {
  version: 6,
  name: 'incident state, incidents and webhook destinations',
  statements: (db) => [
    `CREATE TABLE IF NOT EXISTS ${db}.incident_states
     (
       model_id     String,
       granularity  LowCardinality(String),
       revision     UInt64,
       state        String,
       written_at   DateTime64(3, 'UTC') DEFAULT now64(3)
     )
     ENGINE = ReplacingMergeTree(revision)
     ORDER BY (model_id, granularity)`,
    `CREATE TABLE IF NOT EXISTS ${db}.incidents
     (
       incident_id      String,
       model_id         String,
       model_version    String,
       granularity      LowCardinality(String),
       kind             LowCardinality(String),
       feature          Nullable(String),
       severity         LowCardinality(String),
       status           LowCardinality(String),
       opened_at        DateTime64(3, 'UTC'),
       updated_at       DateTime64(3, 'UTC'),
       resolved_at      Nullable(DateTime64(3, 'UTC')),
       window_start     DateTime64(3, 'UTC'),
       window_end       DateTime64(3, 'UTC'),
       bad_windows      UInt64,
       evidence         String,
       last_event_type  LowCardinality(String),
       revision         UInt64
     )
     ENGINE = ReplacingMergeTree(revision)
     ORDER BY (model_id, incident_id)`,
    `CREATE TABLE IF NOT EXISTS ${db}.webhook_destinations
     (
       id            String,
       name          String,
       model_id      Nullable(String),
       format        LowCardinality(String),
       url           String,
       secret        String,
       routing_key   Nullable(String),
       min_severity  LowCardinality(String),
       enabled       UInt8,
       deleted       UInt8,
       created_at    DateTime64(3, 'UTC'),
       updated_at    DateTime64(3, 'UTC'),
       revision      UInt64
     )
     ENGINE = ReplacingMergeTree(revision)
     ORDER BY id`,
  ],
};
