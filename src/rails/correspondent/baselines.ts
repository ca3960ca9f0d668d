// The correspondent baselines a scenario picks with `correspondent: {baseline: <name>}`: each a
// full set of the channel's parameters with the source of every figure, and where no figure is
// published, the assumption said as such. A scenario may override any field of its baseline.
// Written as scenario text (durations, amounts) so the compile step reads them like a file's own.

/** A wait as scenario text: a window picked with its share, then a time uniformly inside it. */
export interface WindowText {
  readonly share: number;
  readonly min: string;
  readonly max: string;
}

export interface BaselineText {
  /** One line for people: what corridor this stands for. */
  readonly description: string;
  /** Where each figure comes from; "assumption" where nothing is published. */
  readonly sources: readonly string[];
  readonly feeFixed: string;
  readonly feeBps: number;
  readonly fxSpreadBps: number;
  readonly toBeneficiaryBank: readonly WindowText[];
  readonly toCustomer: readonly WindowText[];
  readonly rejection: Readonly<Record<string, number>>;
  readonly rejectionAfter: { readonly min: string; readonly max: string };
  readonly returnFee: string;
}

/*
 * swift-2024. Swift (press release 2024-10-17; swift.com "How long do Swift transfers take?"):
 * 90% of payments reach the beneficiary bank within 1 h, 43% the customer's account within 1 h.
 * Fit: the fast 90% reach the bank within 30 min, and 47.8% of payments are credited within
 * 30 min of arriving, so 0.9 x 0.478 = 43.0% are credited within 1 h; everything else takes from
 * 1 h to 2 days (the tails' shape is an assumption: Swift publishes only the 1 h shares).
 */
const SWIFT_FAST_CREDIT = 0.478;

export const BASELINES = {
  /** The project's earlier defaults, kept for scenarios that name no baseline. */
  assumptions: {
    description: 'No baseline named: the project assumptions (days to settle, 1% fees, 2% FX spread, no rejections).',
    sources: [
      'all figures: assumptions of this project; bank remittance cost ~11.5% for small amounts (World Bank RPW) is why trade payments are charged 1% fees plus a 2% conversion spread',
    ],
    feeFixed: '2500.00 RUB',
    feeBps: 100,
    fxSpreadBps: 200,
    toBeneficiaryBank: [{ share: 1, min: 'P1D', max: 'P5D' }],
    toCustomer: [{ share: 1, min: 'PT0S', max: 'PT0S' }],
    rejection: {},
    rejectionAfter: { min: 'P1D', max: 'P10D' },
    returnFee: '2500.00 RUB',
  },
  'swift-2024': {
    description: "An ordinary corridor over Swift, calibrated to Swift's 2024 speed: 90% at the beneficiary bank and 43% on the customer's account within 1 h.",
    sources: [
      'speed: Swift, press release 2024-10-17 and swift.com "How long do Swift transfers take?": 90% reach the beneficiary bank within 1 h, 43% the end customer\'s account within 1 h',
      'the windows inside and beyond the hour (30 min, 1 h to 2 days): assumption fitted to those two shares',
      'fees (2500 RUB + 0.1%), FX spread (1%), return fee: assumptions; no published figure for trade payments',
      'rejections: none on an ordinary corridor (assumption)',
    ],
    feeFixed: '2500.00 RUB',
    feeBps: 10,
    fxSpreadBps: 100,
    toBeneficiaryBank: [
      { share: 0.9, min: 'PT30S', max: 'PT30M' },
      { share: 0.1, min: 'PT1H', max: 'P2D' },
    ],
    toCustomer: [
      { share: SWIFT_FAST_CREDIT, min: 'PT0S', max: 'PT30M' },
      { share: 1 - SWIFT_FAST_CREDIT, min: 'PT1H', max: 'P2D' },
    ],
    rejection: {},
    rejectionAfter: { min: 'P1D', max: 'P10D' },
    returnFee: '2500.00 RUB',
  },
  'russia-china-sanctioned': {
    description: 'Russia to China under secondary-sanctions risk (2024): payments held for days, most returned, intermediaries charging a few percent.',
    sources: [
      'returns: Chinese banks return about 70-80% of payments from Russia (Izvestia, 2024-04-17, citing Impaya Rus; news-pravda.com/world/2024/04/17/443109.html): 75% for CN',
      'return delay: payments "hang for a long time" before the refusal; an importer could not get stuck money back for a month (Reuters, 2024-04-27, via news-pravda.com/usa/2024/04/27/467944.html): 1 week to 30 days',
      "fees: payment agents' commission up to 12% in early 2024, 2-3% on average later (Reuters, 2025, via harici.com.tr): 3% here, with a 5000 RUB flat fee (assumption)",
      'time to the beneficiary bank, 1-5 days, and to the customer, 1 h to 2 days: assumptions standing for "delays" of days (Reuters 2024; Bloomberg 2025); no figure is published',
      'FX spread (2%) and return fee (5000 RUB, plus the conversion loss reported by news.online.ua, 2024-09-03): assumptions',
    ],
    feeFixed: '5000.00 RUB',
    feeBps: 300,
    fxSpreadBps: 200,
    toBeneficiaryBank: [{ share: 1, min: 'P1D', max: 'P5D' }],
    toCustomer: [{ share: 1, min: 'PT1H', max: 'P2D' }],
    rejection: { CN: 0.75 },
    rejectionAfter: { min: 'P7D', max: 'P30D' },
    returnFee: '5000.00 RUB',
  },
} as const satisfies Record<string, BaselineText>;

export type BaselineName = keyof typeof BASELINES;

/** What run.json and report.json record of the baseline in force, and what the reports print next to a comparison. */
export interface BaselineFacts {
  readonly name: string;
  readonly description: string;
  readonly sources: readonly string[];
}

/** The baseline `name` as a run records it, with the fields a scenario set over it. */
export function baselineFacts(name: string, overrides: readonly string[]): BaselineFacts {
  const b = (BASELINES as Record<string, BaselineText>)[name];
  if (!b) throw new Error(`unknown correspondent baseline ${name} (the schema should have refused it)`);
  const own = overrides.length > 0 ? [`overridden by the scenario: ${overrides.join(', ')}`] : [];
  return { name, description: b.description, sources: [...b.sources, ...own] };
}
export const BASELINE_NAMES = Object.keys(BASELINES) as [BaselineName, ...BaselineName[]];
export const DEFAULT_BASELINE: BaselineName = 'assumptions';
