#!/usr/bin/env node
// Command-line entry: registers the TypeScript loader and runs the CLI in src/cli.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
