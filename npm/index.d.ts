// The types come from the engine's own declarations (crates/engine-js).
export { lint, fix, format, rules, patterns, renderPattern, version } from "./web/engine.js";
export type {
  Edit,
  FileInput,
  Finding,
  Fixed,
  LintOptions,
  Pattern,
  PatternFile,
  PatternParam,
  Rule,
  Settings,
  Severity,
} from "./web/engine.js";
