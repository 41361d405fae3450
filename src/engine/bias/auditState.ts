import type { Range } from '../../shared/findings';
import type { Cell } from '../parse';
import type { ColumnRoles } from './columnRoles';
import type { RowStore } from './duplicates/rowStore';
import type { JointGroupTally, LabelValues } from './groupTally';
import type { IdentityTermTally } from './identity/termTally';
import type { ProxyTally } from './proxies';
import type { RecentValues } from './recentValues';
import type { AuditLimits, AuditOptions, AuditThresholds } from './types';

/** Everything the streaming phase accumulates, once the columns' roles are known. */
export interface AuditState {
  file: string;
  options: AuditOptions;
  thresholds: AuditThresholds;
  limits: AuditLimits;
  roles: ColumnRoles;
  columnRanges: Map<string, Range>;
  rows: number;
  invalidWeights: number;
  labels: LabelValues;
  joint: JointGroupTally;
  proxies: ProxyTally;
  terms: IdentityTermTally | undefined;
  store: RowStore;
  files: string[];
  /** Label ids of raw label values (trimmed, missing markers -1), remembered: one lookup per row. */
  labelIdByRaw: Map<string, number>;
  /** Store slots of recent one-column duplicate keys, by value: a repeated value is fingerprinted once. */
  storedValues: RecentValues<number>;
  /** Reused for every row. */
  textCells: Cell[];
  /** The configured privileged values as the data spells them (set when the audit is summarised). */
  privileged?: Record<string, string>;
}
