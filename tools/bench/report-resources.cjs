'use strict';
// Preloaded into the measured `driftwatch` process (node -r): reports its own peak memory at exit,
// so the figure covers the embedded ClickHouse engine's native allocations too.
const fs = require('node:fs');
process.on('exit', () => {
  const usage = process.resourceUsage();
  fs.writeSync(2, `\n@@resources ${JSON.stringify({ maxRssKb: usage.maxRSS, userMs: usage.userCPUTime / 1000, systemMs: usage.systemCPUTime / 1000 })}\n`);
});
