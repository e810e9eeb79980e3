import { parentPort } from 'node:worker_threads';
import { runFeatureTask, transferables, type FeatureTask } from './feature-task';

// Entry point of a FeatureWorkerPool thread: one task per message, answered with its id.
const port = parentPort;
if (port === null) throw new Error('compare-feature.worker must run as a worker thread');
port.on('message', (message: { id: number; task: FeatureTask }) => {
  try {
    const result = runFeatureTask(message.task);
    port.postMessage({ id: message.id, result }, transferables(result));
  } catch (err) {
    port.postMessage({ id: message.id, error: err instanceof Error ? err.message : String(err) });
  }
});
