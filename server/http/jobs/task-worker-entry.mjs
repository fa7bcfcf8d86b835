// Entry of a task worker thread (an incident import, a report): plain JS so Node can start it, then TypeScript via tsx.
import { register } from 'tsx/esm/api';

register();
await import('./task-worker.ts');
