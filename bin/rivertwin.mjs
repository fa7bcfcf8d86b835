#!/usr/bin/env node
// The `rivertwin` command: registers the TypeScript loader and runs the CLI.
import { register } from 'tsx/esm/api';

register();
await import('../server/cli/main.ts');
