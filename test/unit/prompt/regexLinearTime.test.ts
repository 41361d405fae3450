import assert from 'node:assert/strict';
import {
  analyse,
  confirmedInV8,
  describeVulnerability,
  engineRegexes,
  keyOf,
  recordedVerdicts,
  type EngineRegex,
} from './regex/audit';
import { GENERIC_PUMPS, timeAllMatches, vocabularyPumps } from './regex/adversarial';
import { staticRegexes } from './regex/inventory';

// Every regular expression of the engine runs in linear time (issue 10: a base64 pattern froze the server).
// Two independent checks: recheck's static/fuzz analysis, and a time bound on adversarial inputs.

/** Generous: a linear pattern needs a few ms for 50,000 characters; a quadratic one seconds. */
const BOUND_MS = 1_500;

describe('engine regular expressions', function () {
  this.timeout(600_000);
  let patterns: EngineRegex[];

  before(() => {
    patterns = engineRegexes();
  });

  it('finds the regexes of every engine family, literals and constructed ones', () => {
    const families = new Set(patterns.flatMap((found) => found.sites.map((site) => site.split('/')[2])));
    // src/engine/scan has none of its own since the split-file names moved to bias/splits.ts.
    for (const family of ['prompt', 'detectors', 'chat', 'bias', 'parse', 'training', 'compute']) {
      assert.ok(families.has(family), `no regex found under src/engine/${family}`);
    }
    assert.ok(patterns.length > 200, `only ${patterns.length} patterns found`);
  });

  it('reaches every place that calls the RegExp constructor, so none goes unchecked', () => {
    const reached = new Set(patterns.flatMap((found) => found.sites));
    const missed = staticRegexes().constructorSites.filter((site) => !reached.has(site));
    assert.deepEqual(
      missed,
      [],
      'RegExp built where the collector (test/unit/prompt/regex/collect.ts) never ran: exercise it there',
    );
  });

  it('has no pattern that recheck shows to be super-linear in V8', () => {
    const recorded = recordedVerdicts();
    const vulnerable: string[] = [];
    for (const found of patterns) {
      if (recorded.has(keyOf(found))) continue;
      const result = analyse(found);
      if (result.status === 'vulnerable' && confirmedInV8(found, result))
        vulnerable.push(describeVulnerability(found, result));
    }
    assert.deepEqual(vulnerable, []);
  });

  it('matches adversarial inputs of 50,000 characters within a generous time bound', () => {
    const slow: string[] = [];
    for (const found of patterns) {
      const pattern = new RegExp(found.source, found.flags);
      for (const [name, text] of [...GENERIC_PUMPS, ...vocabularyPumps(found.source)]) {
        const ms = timeAllMatches(pattern, text);
        if (ms > BOUND_MS)
          slow.push(`${found.sites[0]} took ${Math.round(ms)} ms on ${name}: /${found.source.slice(0, 80)}…/`);
      }
    }
    assert.deepEqual(slow, []);
  });
});
