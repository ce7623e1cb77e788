#!/usr/bin/env node
// The installed command: runs the compiled CLI (npm ci builds dist/ in its prepare step).
import('../dist/src/cli/main.js');
