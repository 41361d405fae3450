/**
 * Bootstrap intervals for a fairness report: every rate of `overall` and `byGroup` (not `count`) and every
 * disparity. Kept apart from the report so the report's JSON stays exactly the CLI contract.
 */
import type {
  BootstrapSettings,
  DisparityName,
  FairnessIntervals,
  FairnessReport,
  GroupRates,
  RateIntervals,
  RateName,
} from '../../shared/reports';
import { percentileInterval } from './bootstrap';
import { RATE_NAMES } from './groupTally';

export type { DisparityName, FairnessIntervals, RateIntervals } from '../../shared/reports';

/** The disparity keys a report may carry, in report order. */
export const DISPARITY_NAMES = [
  'demographicParityDifference',
  'demographicParityRatio',
  'equalizedOddsDifference',
  'equalizedOddsRatio',
  'equalOpportunityDifference',
  'equalOpportunityRatio',
  'statisticalParityDifference',
  'disparateImpact',
  'averageOddsDifference',
] as const satisfies readonly DisparityName[];

type RateSamples = Record<RateName, number[]>;

function emptyRateSamples(): RateSamples {
  return { accuracy: [], selectionRate: [], truePositiveRate: [], falsePositiveRate: [] };
}

function addRates(samples: RateSamples, rates: GroupRates | undefined): void {
  for (const name of RATE_NAMES) samples[name].push(rates === undefined ? NaN : rates[name]);
}

function rateIntervals(samples: RateSamples, level: number): RateIntervals {
  const result = {} as RateIntervals;
  for (const name of RATE_NAMES) result[name] = percentileInterval(samples[name], level);
  return result;
}

/** Collects the reports of successive resamples, then turns them into percentile intervals. */
export class FairnessIntervalCollector {
  private readonly overall = emptyRateSamples();
  private readonly byGroup = new Map<string, RateSamples>();
  private readonly disparities = new Map<DisparityName, number[]>();

  constructor(groupNames: readonly string[], disparities: readonly DisparityName[]) {
    for (const name of groupNames) this.byGroup.set(name, emptyRateSamples());
    for (const name of disparities) this.disparities.set(name, []);
  }

  /** Records one resample's report; a group absent from it counts as undefined for that resample. */
  add(report: FairnessReport): void {
    addRates(this.overall, report.overall);
    for (const [name, samples] of this.byGroup) addRates(samples, report.byGroup[name]);
    for (const [name, samples] of this.disparities) samples.push(report[name] ?? NaN);
  }

  intervals(settings: BootstrapSettings): FairnessIntervals {
    const byGroup: Record<string, RateIntervals> = {};
    for (const [name, samples] of this.byGroup) byGroup[name] = rateIntervals(samples, settings.level);
    const disparities: FairnessIntervals['disparities'] = {};
    for (const [name, samples] of this.disparities) disparities[name] = percentileInterval(samples, settings.level);
    return { ...settings, overall: rateIntervals(this.overall, settings.level), byGroup, disparities };
  }
}

/** The disparity keys present in a report (AIF360's only with a privileged group). */
export function disparitiesOf(report: FairnessReport): DisparityName[] {
  return DISPARITY_NAMES.filter((name) => report[name] !== undefined);
}
