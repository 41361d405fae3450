import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { DatasetAuditConfig } from '../../shared/config';
import type { Range } from '../../shared/findings';
import { datasetSettingPath } from '../config';
import { LineIndex } from '../parse';
import { describeConfiguredValue, type ConfiguredValueIssue } from './configuredValues';

/** A configured value the data lacks, placed on that value in `.rml.json` (the editor's warning, the CLI's line). */
export interface ConfigValueProblem {
  message: string;
  range: Range;
  severity: 'warning' | 'information';
}

/**
 * The audit's configured-value issues as places in the `.rml.json` text that set them: the value of
 * `dataset.favorable` or `dataset.privileged.<column>` (or of the `dataset.files` entry that applied to the file).
 * `datasetFile` names the dataset in the message, since one config serves several.
 */
export function configValueProblems(
  configText: string,
  dataset: DatasetAuditConfig | undefined,
  relativePath: string,
  issues: readonly ConfiguredValueIssue[],
  datasetFile: string,
): ConfigValueProblem[] {
  const tree = parseTree(configText, [], { allowTrailingComma: true });
  if (!tree) return [];
  const lines = new LineIndex(configText);
  return issues.flatMap((issue) => {
    const key = issue.setting === 'favorable' ? ['favorable'] : ['privileged', issue.column];
    const at = datasetSettingPath(dataset, relativePath, key);
    const node = at && findNodeAtLocation(tree, at);
    if (!node) return [];
    return [
      {
        message: `${describeConfiguredValue(issue)} (${datasetFile})`,
        range: lines.rangeOf(node.offset, node.offset + node.length),
        severity: issue.matched === null ? ('warning' as const) : ('information' as const),
      },
    ];
  });
}
