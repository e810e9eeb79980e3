// Pure alerting decisions (incident lifecycle) and webhook delivery (formats, signatures, retries).
export * from './incidents/incident-policy';
export * from './incidents/incident-state';
export * from './incidents/incident-id.util';
export * from './incidents/incident-machine';
export * from './webhooks/webhook-destination';
export * from './webhooks/webhook-signature';
export * from './webhooks/delivery-id.util';
export * from './webhooks/retry-policy';
export * from './webhooks/webhook-payload';
export * from './webhooks/webhook-client';
export * from './incidents/legacy-state.util';
export * from './incidents/version-retirement';
export * from './webhooks/address-policy';
export * from './webhooks/checked-lookup';
export * from './webhooks/circuit-breaker';
export * from './webhooks/webhook-url.util';
