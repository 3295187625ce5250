// Preloaded (`node --require`) into the process under measurement: at exit, writes its peak resident
// set size in kilobytes to the file named by RESIDENCY_BENCH_RSS_FILE. Works wherever node does,
// unlike /usr/bin/time -v.
import * as fs from "fs";

const target = process.env.RESIDENCY_BENCH_RSS_FILE;
if (target !== undefined)
  process.on("exit", () => fs.writeFileSync(target, String(process.resourceUsage().maxRSS)));
