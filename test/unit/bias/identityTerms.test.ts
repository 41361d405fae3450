import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  auditFindings,
  buildLexicon,
  defaultLexicon,
  IdentityTermMatcher,
  type IdentityTerm,
} from '../../../src/engine/bias';
import { isAsciiLetter, isJoiner } from '../../../src/engine/bias/identity/termMatcher';
import { auditCsv } from './helpers';
import { plantedIdentityCsv } from './generated';

const lexicon = defaultLexicon();
const matcher = new IdentityTermMatcher(lexicon);

function matches(text: string, using: IdentityTermMatcher = matcher): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  using.forEachMatch(text, (term, start, end) => found.push([using.terms[term]?.term ?? '?', text.slice(start, end)]));
  return found;
}

/** The definition the fast matcher must agree with: Intl.Segmenter word segments, then longest lexicon forms. */
function referenceMatches(text: string, terms: readonly IdentityTerm[]): Array<[string, string]> {
  const segments = [...new Intl.Segmenter('en', { granularity: 'word' }).segment(text)].filter((s) => s.isWordLike);
  const tokens = segments.map((s) => {
    const possessive = /^.+['’][sS]$/.test(s.segment);
    const word = possessive ? s.segment.slice(0, -2) : s.segment;
    return {
      word: word.toLowerCase(),
      start: s.index,
      end: s.index + word.length,
      segmentEnd: s.index + s.segment.length,
      possessive,
    };
  });
  const joined = (k: number) => {
    const previous = tokens[k - 1];
    const current = tokens[k];
    if (!previous || !current || previous.possessive || current.start <= previous.segmentEnd) return false;
    for (let i = previous.segmentEnd; i < current.start; i++) if (!isJoiner(text.charCodeAt(i))) return false;
    return true;
  };
  const found: Array<[string, string]> = [];
  for (let k = 0; k < tokens.length; ) {
    let best: { term: string; length: number } | undefined;
    for (const term of terms) {
      for (const form of term.forms) {
        const fits = form.every((word, m) => tokens[k + m]?.word === word && (m === 0 || joined(k + m)));
        if (fits && (!best || form.length > best.length)) best = { term: term.term, length: form.length };
      }
    }
    if (best) {
      found.push([best.term, text.slice(tokens[k]?.start ?? 0, tokens[k + best.length - 1]?.end ?? 0)]);
      k += best.length;
    } else {
      k++;
    }
  }
  return found;
}

describe('bias: identity-term lexicon and matcher', () => {
  it('tells ASCII letters from every other UTF-16 code unit with its one comparison', () => {
    for (let c = 0; c < 65536; c++)
      assert.equal(isAsciiLetter(c), /[A-Za-z]/.test(String.fromCharCode(c)), `code ${c}`);
    assert.equal(isAsciiLetter(Number.NaN), false, 'past the end of a string');
  });

  it('covers the seven axes, with all 50 Dixon et al. (2018) terms', () => {
    const categories = new Set(lexicon.map((term) => term.category));
    assert.deepEqual([...categories].sort(), [
      'age',
      'disability',
      'gender',
      'nationality',
      'race_ethnicity',
      'religion',
      'sexual_orientation',
    ]);
    const dixon = [
      'lesbian',
      'gay',
      'bisexual',
      'transgender',
      'trans',
      'queer',
      'lgbt',
      'lgbtq',
      'homosexual',
      'straight',
      'heterosexual',
      'male',
      'female',
      'nonbinary',
      'african',
      'african american',
      'black',
      'white',
      'european',
      'hispanic',
      'latino',
      'latina',
      'latinx',
      'mexican',
      'canadian',
      'american',
      'asian',
      'indian',
      'middle eastern',
      'chinese',
      'japanese',
      'christian',
      'muslim',
      'jewish',
      'buddhist',
      'catholic',
      'protestant',
      'sikh',
      'taoist',
      'old',
      'older',
      'young',
      'younger',
      'teenage',
      'millenial',
      'middle aged',
      'elderly',
      'blind',
      'deaf',
      'paralyzed',
    ];
    const terms = new Set(lexicon.map((term) => term.term));
    assert.deepEqual(
      dixon.filter((term) => !terms.has(term)),
      [],
    );
  });

  it('matches plural, irregular plural, possessive, hyphenated and multi-word forms, case-insensitively', () => {
    assert.deepEqual(matches('Muslims and WOMEN; a Muslim’s view'), [
      ['muslim', 'Muslims'],
      ['woman', 'WOMEN'],
      ['muslim', 'Muslim'],
    ]);
    assert.deepEqual(matches('an African-American and an african  american'), [
      ['african american', 'African-American'],
      ['african american', 'african  american'],
    ]);
    assert.deepEqual(matches("the deaf community's choice"), [['deaf', 'deaf']]);
  });

  it('respects Unicode word boundaries: no match inside words, numbers or identifiers', () => {
    assert.deepEqual(matches('germany shammuslim muslim3 muslim_x manager oldest'), []);
    assert.deepEqual(matches('muslimé'), []);
    assert.deepEqual(matches('gay.'), [['gay', 'gay']]);
    assert.deepEqual(matches('U.S.gay'), []);
  });

  it('agrees with segmenting every value with Intl.Segmenter (property test)', () => {
    const fragments = [
      'muslim',
      'Muslims',
      'african',
      'American',
      'trans',
      'women',
      'gay',
      'old',
      'man',
      'latino',
      'x',
      'A',
      ' ',
      '  ',
      '-',
      "'s",
      '’s',
      "'",
      '.',
      ':',
      ',',
      '_',
      '3',
      'é',
      '\u0301',
      '中',
      '😀',
      '\n',
      '\u00a0',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 14 }), (parts) => {
        const text = parts.join('');
        assert.deepEqual(matches(text), referenceMatches(text, lexicon), JSON.stringify(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('rejects a lexicon word that is not lower-case ASCII', () => {
    assert.throws(() => new IdentityTermMatcher(buildLexicon({ religion: ['bahá’í'] })), /lower-case ASCII/);
  });
});

describe('bias: identity-term statistics', () => {
  const result = auditCsv(plantedIdentityCsv(), {}, 'comments.csv');

  it('finds the text column and the label by name', () => {
    assert.deepEqual(result.textColumns, ['comment_text']);
    assert.equal(result.label, 'toxic');
  });

  it("flags the planted association ('muslim': ~70 % toxic vs ~15 %) and not the control term", () => {
    const muslim = result.identityTerms.find((term) => term.term === 'muslim');
    const christian = result.identityTerms.find((term) => term.term === 'christian');
    assert.ok(muslim && christian);
    assert.equal(muslim.rows, 60);
    assert.equal(muslim.labelValue, '1');
    assert.equal(muslim.rate, 0.7);
    assert.equal(muslim.restRate, 0.15);
    assert.ok((muslim.qValue ?? 1) < 1e-6);
    assert.equal(muslim.significant, true);
    assert.equal(christian.significant, false);
    assert.ok((christian.qValue ?? 0) > 0.05);
  });

  it('q-values are Benjamini–Hochberg adjusted p-values (never below p)', () => {
    for (const term of result.identityTerms) if (term.pValue !== null) assert.ok((term.qValue ?? 0) >= term.pValue);
  });

  it('reports findings at the occurrences, capped, with a stable fingerprint per term', () => {
    const findings = auditFindings(result, 'comments.csv').filter(
      (finding) => finding.code === 'bias/identity-term' && finding.message.startsWith("'muslim'"),
    );
    assert.equal(findings.length, 20, 'occurrences kept per term');
    const first = findings[0];
    assert.equal(first?.message, "'muslim' in 60 rows: 70 % toxic vs 21 % overall, q < 1e-6");
    assert.equal(first?.range.start.line, 1);
    assert.equal(first?.range.end.character - (first?.range.start.character ?? 0), 'Muslim'.length);
    assert.equal(new Set(findings.map((finding) => finding.data?.fingerprint)).size, 1);
  });
});
