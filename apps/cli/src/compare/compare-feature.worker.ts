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
    const e = err instanceof Error ? err : new Error(String(err));
    port.postMessage({ id: message.id, error: e.message, errorName: e.name, errorCode: (e as NodeJS.ErrnoException).code });
  }
});
