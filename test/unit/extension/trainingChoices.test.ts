import { strict as assert } from 'node:assert';
import {
  describeChoices,
  MODEL_WORDS,
  problemOf,
  TABULAR_MODELS,
  TEXT_MODELS,
  stillValid,
  suggestedChoices,
} from '../../../src/extension/training/trainingChoices';
import type { DatasetColumnsResult } from '../../../src/shared/protocol';

const hiring: DatasetColumnsResult = {
  columns: ['id', 'age', 'sex', 'zip', 'degree', 'hired', 'weight'],
  rows: 400,
  suggested: {
    label: 'hired',
    sensitive: ['sex'],
    privileged: { sex: 'M' },
    features: ['age', 'zip', 'degree'],
    weight: 'weight',
  },
};

describe('Train Model form: choices', () => {
  it('offers the transformer among the text models, never for a table', () => {
    assert.deepEqual(TEXT_MODELS, ['text-embedding-bag', 'transformer']);
    assert.ok(!TABULAR_MODELS.includes('transformer'));
    assert.match(
      describeChoices({ label: 'label', text: 'review', sensitive: [], model: { kind: 'transformer' } }),
      new RegExp(`text review · no sensitive column · ${MODEL_WORDS.transformer.replace(/[()]/g, '\\$&')}`),
    );
  });

  it("starts from the server's suggestions: the weight column as weights, never as a feature", () => {
    assert.deepEqual(suggestedChoices(hiring), {
      label: 'hired',
      features: ['age', 'zip', 'degree'],
      sensitive: ['sex'],
      weight: 'weight',
      privileged: [{ column: 'sex', value: 'M' }],
    });
  });

  it('picks a text model when the dataset has a text column', () => {
    const reviews: DatasetColumnsResult = {
      columns: ['text', 'dialect', 'label'],
      rows: 600,
      suggested: { label: 'label', text: 'text', sensitive: ['dialect'] },
    };
    assert.deepEqual(suggestedChoices(reviews), { label: 'label', text: 'text', sensitive: ['dialect'] });
  });

  it('offers a remembered choice again only while all its columns exist', () => {
    const remembered = { label: 'hired', features: ['age', 'degree'], sensitive: ['sex'] };
    assert.deepEqual(stillValid(remembered, hiring.columns), remembered);
    assert.equal(stillValid({ ...remembered, features: ['salary'] }, hiring.columns), undefined);
    assert.equal(stillValid(undefined, hiring.columns), undefined);
  });

  it('says in one line what will be trained, and why it cannot start', () => {
    const choices = { ...suggestedChoices(hiring)!, epochs: 30, classWeight: 'balanced' as const };
    assert.equal(
      describeChoices(choices),
      'label hired · features age, zip, degree · sensitive sex · weights weight · logistic regression · at most 30 epochs · balanced classes',
    );
    assert.match(
      describeChoices({ ...choices, earlyStopping: false, privacy: { targetEpsilon: 3, delta: 1e-5 } }),
      /no early stopping · DP-SGD to ε 3 \(δ 0\.00001\)/,
    );
    assert.equal(
      problemOf({
        ...choices,
        privacy: { targetEpsilon: 3 },
        mitigation: { method: 'expgrad', constraint: 'demographic_parity' },
      }),
      'DP-SGD and a fairness mitigation cannot be combined in one run',
    );
    assert.equal(
      problemOf({ label: 'hired', features: [], sensitive: [] }),
      'choose a text column or at least one feature column',
    );
    assert.equal(problemOf(choices), undefined);
  });
});
