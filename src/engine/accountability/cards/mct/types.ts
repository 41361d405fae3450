/**
 * The part of Google's Model Card Toolkit JSON (schema v0.0.2, media/schemas/model-card-toolkit-v0.0.2.schema.json)
 * that a run's evidence fills. Keys are the schema's; a field the evidence cannot fill is left out, never filled in.
 */
export interface ModelCardToolkitCard {
  schema_version: '0.0.2';
  model_details: ModelDetails;
  model_parameters?: ModelParameters;
  quantitative_analysis?: { performance_metrics: PerformanceMetric[] };
  considerations?: Considerations;
}

export interface ModelDetails {
  name: string;
  overview: string;
  documentation?: string;
  /** The run is the version: its id, and the day it finished (`format: date`). */
  version?: { name: string; date?: string };
}

export interface ModelParameters {
  model_architecture: string;
  data: McDataset[];
  input_format?: string;
  output_format?: string;
}

export interface McDataset {
  name: string;
  description?: string;
  sensitive?: { sensitive_data: string[] };
}

/**
 * `confidence_interval` and `threshold` are the names the toolkit's later data model gives them (the vendored schema
 * leaves a metric open to them): the run's bootstrap percentile interval, and the band a disparity's verdict used.
 */
export interface PerformanceMetric {
  type: string;
  value: number;
  slice?: string;
  confidence_interval?: { lower_bound: number; upper_bound: number };
  threshold?: string;
}

export interface Considerations {
  limitations?: Array<{ description: string }>;
  tradeoffs?: Array<{ description: string }>;
  ethical_considerations?: Array<{ name: string; mitigation_strategy?: string }>;
}
