import path from 'node:path';
import { surveyDatasetFile, type ColumnSurveyResult, DatasetError, inferFormat } from '../../engine/training';
import { identifierKindOfHeader } from '../../engine/bias';
import type { DatasetAuditConfig } from '../../shared/config';
import { UsageError } from '../io';

/** The columns `rml train` was given, by option or `.rml.json`; what is missing comes from the column survey. */
export interface GivenColumns {
  label?: string | undefined;
  text?: string | undefined;
  features?: string[] | undefined;
  sensitive?: string[] | undefined;
}

export interface ChosenColumns {
  label: string;
  text?: string;
  features?: string[];
  sensitive: string[] | undefined;
  /** What was chosen for the user, with how to choose otherwise; undefined when nothing was. */
  note: string | undefined;
}

/**
 * Fills in what the command line and `.rml.json` leave out from the dataset's column survey — the same
 * suggestions the editor's Train Model form pre-selects (label by name, a free-text column, else the feature
 * columns without ids, proxies of sensitive columns, weights and constants) — so `rml train data.csv` works as the
 * form's Start does, and says what it chose.
 */
export async function chooseTrainingColumns(
  file: string,
  settings: DatasetAuditConfig | undefined,
  given: GivenColumns,
): Promise<ChosenColumns> {
  const hasModelInput = given.text !== undefined || given.features !== undefined;
  if (given.label !== undefined && hasModelInput)
    return {
      label: given.label,
      ...modelInput(given),
      sensitive: given.sensitive,
      note: identifierNote(given.features),
    };
  const survey = await surveyForTraining(file, {
    ...settings,
    ...(given.label !== undefined ? { label: given.label } : {}),
    ...(given.sensitive !== undefined ? { sensitive: given.sensitive } : {}),
  });
  const label = given.label ?? survey.suggested.label;
  if (label === undefined)
    throw new UsageError(
      `no column of ${path.basename(file)} is named like a label (label, target, class, …): give --label COL ` +
        `(columns: ${survey.columns.join(', ')})`,
    );
  const chosen = hasModelInput ? modelInput(given) : inputFromSurvey(survey, file);
  const sensitive = given.sensitive ?? survey.suggested.sensitive;
  return { label, ...chosen, sensitive, note: noteOf(given, { label, ...chosen, sensitive }, survey) };
}

function modelInput(given: GivenColumns): Pick<ChosenColumns, 'text' | 'features'> {
  return given.text !== undefined ? { text: given.text } : { features: given.features ?? [] };
}

async function surveyForTraining(file: string, settings: DatasetAuditConfig): Promise<ColumnSurveyResult> {
  try {
    return await surveyDatasetFile(file, inferFormat(file), settings);
  } catch (error) {
    if (error instanceof DatasetError) throw new UsageError(error.message);
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`${file}: no such file`);
    throw error;
  }
}

function inputFromSurvey(survey: ColumnSurveyResult, file: string): Pick<ChosenColumns, 'text' | 'features'> {
  if (survey.suggested.text !== undefined) return { text: survey.suggested.text };
  if (survey.suggested.features.length > 0) return { features: survey.suggested.features };
  const out = leftOut(survey);
  throw new UsageError(
    `no column of ${path.basename(file)} is left to train on besides the label and sensitive columns` +
      `${out ? ` (left out: ${out})` : ''}: give --features or --text`,
  );
}

function noteOf(given: GivenColumns, chosen: Omit<ChosenColumns, 'note'>, survey: ColumnSurveyResult): string {
  const parts: string[] = [];
  if (given.label === undefined) parts.push(`label '${chosen.label}'`);
  if (chosen.text !== undefined && given.text === undefined) parts.push(`text '${chosen.text}'`);
  if (chosen.features !== undefined && given.features === undefined)
    parts.push(`features ${chosen.features.join(', ')}`);
  if (given.sensitive === undefined && (chosen.sensitive?.length ?? 0) > 0)
    parts.push(`sensitive ${chosen.sensitive?.join(', ')}`);
  const out = leftOut(survey, chosen.text);
  return (
    `columns as the editor's Train Model form suggests them: ${parts.join('; ')}` +
    (out ? `; left out: ${out}` : '') +
    ` (--label, --features or --text and --sensitive choose others)`
  );
}

/**
 * The columns the survey did not suggest as features, with the reason, skipping the label, the sensitive ones and
 * the text column the model reads (a text column is never a tabular feature, but it is not left out either).
 */
function leftOut(survey: ColumnSurveyResult, text?: string): string {
  return Object.entries(survey.notSuggested)
    .filter(([column, why]) => why.reason !== 'label' && why.reason !== 'sensitive' && column !== text)
    .map(([column, why]) => `${column} (${why.reason})`)
    .join(', ');
}

/**
 * Features chosen by hand that identify people by their name (`first_name`, `dob`): said, not refused — the user
 * may have pseudonymised them — as the editor's data/direct-identifier warning says it.
 */
function identifierNote(features: readonly string[] | undefined): string | undefined {
  const identifying = (features ?? []).flatMap((column) => {
    const kind = identifierKindOfHeader(column);
    return kind ? [`'${column}' (${kind})`] : [];
  });
  if (identifying.length === 0) return undefined;
  return (
    `the features ${identifying.join(', ')} identify people by themselves (data/direct-identifier): a model ` +
    'trained on them can memorise and reveal them; drop or pseudonymise them unless the datasheet says why they stay'
  );
}
