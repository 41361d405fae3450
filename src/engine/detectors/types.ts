/** What a detector knows about the value it inspects. */
export interface ValueContext {
  /** Column header or JSON key path, as written in the file ('' for free text). */
  column: string;
  /** Role of a chat message when the value is one (`system`, `user`, `assistant`, …). */
  role?: string;
}

/** A hit inside one value; offsets are UTF-16 code units into that value. */
export interface DetectorMatch {
  /** Stable namespaced code, e.g. `pii/email`, `secret/aws-access-key`. */
  code: string;
  start: number;
  end: number;
  /** 0..1. Context words and column names raise it; the severity follows it. */
  confidence: number;
  /** One sentence for the user; the evidence list is appended by the caller. */
  message: string;
  /** Reasons, e.g. "Luhn checksum valid", "Visa range", "column 'email'". */
  evidence: string[];
  /** Typed placeholder for the redact fix, e.g. `<EMAIL>`. */
  placeholder?: string;
  /** Extra finding data (decoded hidden text, suggestions, OWASP id…). */
  data?: Record<string, unknown>;
}

/** Options of `detectSensitiveData`. */
export interface SensitiveDataOptions {
  /**
   * Codes to run; all run when absent. Checked before a detector runs, so disabled ones cost nothing. Its answers
   * are remembered per function: pass a new function when the set of enabled codes changes.
   */
  enabled?: (code: string) => boolean;
  /** ISO 3166 region for phone numbers written without a `+` country prefix (default `US`). */
  defaultRegion?: string;
}

/** What one detector is given: the value, where it sits, and the resolved options. */
export interface DetectorInput {
  value: string;
  context: ValueContext;
  defaultRegion: string;
}

/** One detector family: looks at a whole value and returns its matches (overlaps are resolved by the caller). */
export type Detector = (input: DetectorInput) => DetectorMatch[];
