import type { CheckReport } from "../engine/types";

/** The report object itself, as JSON: `findings`, `resources`, `changes` (with `--base`) and `summary`. */
export function renderJson(report: CheckReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
