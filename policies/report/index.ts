import type { CheckReport } from "../engine/types";
import { renderJson } from "./json";
import { renderJunit } from "./junit";
import { renderMarkdown } from "./markdown";
import { renderSarif } from "./sarif";
import type { RenderOptions } from "./shared";
import { renderText } from "./text";

export type ReportFormat = (report: CheckReport, options: RenderOptions) => string;

/** Report formats by the name `--format` takes. */
export const FORMATS: Record<string, ReportFormat> = {
  text: renderText,
  json: renderJson,
  markdown: renderMarkdown,
  sarif: renderSarif,
  junit: renderJunit,
};
