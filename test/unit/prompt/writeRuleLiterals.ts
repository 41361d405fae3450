import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PHRASE_RULES } from '../../../src/engine/prompt/detect';
import { literalsKey } from '../../../src/engine/prompt/literalGate';
import { requiredLiterals } from '../../../src/engine/prompt/requiredLiterals';

// Writes src/engine/prompt/ruleLiterals.json: each phrase rule's required literals, keyed by its flags and source
// (literalGate.ts reads it instead of parsing 80 patterns at start-up). `literalGate.test.ts` fails when it is stale.

export const RULE_LITERALS_FILE = path.join(__dirname, '../../../src/engine/prompt/ruleLiterals.json');

export function ruleLiterals(): Record<string, string[] | null> {
  return Object.fromEntries(PHRASE_RULES.map((rule) => [literalsKey(rule.pattern), requiredLiterals(rule.pattern)]));
}

if (require.main === module) {
  writeFileSync(RULE_LITERALS_FILE, `${JSON.stringify(ruleLiterals(), null, 1)}\n`);
  console.log(`wrote ${RULE_LITERALS_FILE}`);
}
