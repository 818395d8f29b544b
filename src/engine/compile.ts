import { compileEngines, type Engines } from './decide';
import { ConfigSchema, type Config } from '../rules/config';
import { compileSensitive, type SensitiveMatcher } from '../rules/sensitive';
import { compileTagRules, type TagEngine } from '../rules/tags';

/**
 * Everything a message needs from one config version, built once per version per isolate
 * (building the knowledge index and matchers costs far more than a message: see bench/decide).
 */
export interface Compiled {
  config: Config;
  engines: Engines;
  tags: TagEngine;
  sensitive: SensitiveMatcher;
}

export function compileConfig(config: Config): Compiled {
  return {
    config,
    engines: compileEngines(config),
    tags: compileTagRules(config.tag_rules, config.channels),
    sensitive: compileSensitive(config.sensitive_words?.words ?? []),
  };
}

/** What runs before any document is stored: built-in texts, no rules. */
export const EMPTY_CONFIG: Config = ConfigSchema.parse({});
