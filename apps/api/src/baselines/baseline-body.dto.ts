import { DEFAULT_CONTRACT_LIMITS } from '@driftwatch/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsNotEmpty,
  Length,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export const FEATURE_KINDS = ['numeric', 'categorical', 'boolean'] as const;
/**
 * The events' limit (libs/contracts DEFAULT_CONTRACT_LIMITS.maxFeatures) plus the prediction's
 * own feature (`@prediction`): a baseline cannot describe more features than an event may carry.
 */
export const MAX_FEATURES = DEFAULT_CONTRACT_LIMITS.maxFeatures + 1;
export const MAX_EDGES = 10_000;
export const MAX_CATEGORIES = 100_000;
export const BASELINE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
export const PERFORMANCE_TASKS = ['binary', 'multiclass', 'regression'] as const;
/** Classes of a classification snapshot, and metric names: far more than any real model has. */
export const MAX_PERFORMANCE_CLASSES = 10_000;
export const MAX_PERFORMANCE_METRICS = 1_000;

const FINITE = { allowNaN: false, allowInfinity: false };

/** One feature of a baseline as POSTed (the shape `driftwatch baseline create` sends). */
export class BaselineFeatureBody {
  @ApiProperty({ maxLength: 256 })
  @IsString()
  @Length(1, 256)
  name!: string;

  @ApiProperty({ enum: FEATURE_KINDS })
  @IsIn(FEATURE_KINDS)
  kind!: (typeof FEATURE_KINDS)[number];

  @ApiPropertyOptional({ type: [Number], description: 'numeric: interior quantile edges, ascending' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_EDGES)
  @IsNumber(FINITE, { each: true })
  edges?: number[];

  @ApiPropertyOptional({ type: [Number], description: 'numeric: counts per bin, edges.length + 1 entries' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_EDGES + 1)
  @IsInt({ each: true })
  @Min(0, { each: true })
  binCounts?: number[];

  @ApiPropertyOptional({ type: [Number], description: 'numeric: a finer grid of edges for streaming KS/Wasserstein' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_EDGES)
  @IsNumber(FINITE, { each: true })
  fineEdges?: number[];

  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_EDGES + 1)
  @IsInt({ each: true })
  @Min(0, { each: true })
  fineCounts?: number[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'integer' }, description: 'categorical/boolean: count per category' })
  @IsOptional()
  @IsObject()
  // The parsed object as sent: a copy could lose a category literally named "__proto__".
  @Transform(({ obj }) => (obj as { categories?: unknown }).categories)
  categories?: Record<string, number>;

  @ApiProperty({ description: 'valid values (in bins or categories)' })
  @IsInt()
  @Min(0)
  count!: number;

  @ApiProperty()
  @IsInt()
  @Min(0)
  missing!: number;

  @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() @IsNumber(FINITE) min?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() @IsNumber(FINITE) max?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() @IsNumber(FINITE) mean?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'population standard deviation (np.std)' })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  std?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() @IsNumber(FINITE) median?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'feature importance weight, >= 0' })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  importance?: number | null;
}

/** The model's own performance on the baseline rows (PerformanceSnapshot of @driftwatch/contracts). */
export class PerformanceSnapshotBody {
  @ApiProperty({ enum: PERFORMANCE_TASKS })
  @IsIn(PERFORMANCE_TASKS)
  task!: (typeof PERFORMANCE_TASKS)[number];

  @ApiPropertyOptional({ type: String, nullable: true, description: 'binary: the class the score is the probability of' })
  @IsOptional()
  @IsString()
  @Length(1, 256)
  positiveClass?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'every class seen (classification), sorted' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_PERFORMANCE_CLASSES)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  classes?: string[];

  @ApiProperty({ description: 'labelled predictions the metrics come from' })
  @IsInt()
  @Min(0)
  labelled!: number;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'number', nullable: true }, description: 'metric name → value (null: undefined for the data)' })
  @IsObject()
  // As sent: checkPerformance checks every value (class-validator cannot check a map's values).
  @Transform(({ obj }) => (obj as { metrics?: unknown }).metrics)
  metrics!: Record<string, number | null>;
}

/** POST /api/models/{model}/versions/{version}/baselines */
export class CreateBaselineBody {
  @ApiPropertyOptional({ description: 'id to store it under (default: generated); resending the same id replaces that baseline' })
  @IsOptional()
  @Matches(BASELINE_ID, { message: 'baselineId must be 1 to 128 characters: letters, digits, ".", "_", ":" or "-"' })
  baselineId?: string;

  @ApiProperty({ description: 'rows of the training data' })
  @IsInt()
  @Min(1)
  rowCount!: number;

  @ApiPropertyOptional({ description: 'where it came from, e.g. file:train.csv', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  source?: string;

  @ApiProperty({ type: [BaselineFeatureBody] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_FEATURES)
  @ValidateNested({ each: true })
  @Type(() => BaselineFeatureBody)
  features!: BaselineFeatureBody[];

  @ApiPropertyOptional({ type: PerformanceSnapshotBody, description: 'the model\'s performance on these rows (baseline create --target-column)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PerformanceSnapshotBody)
  performance?: PerformanceSnapshotBody;
}

/** POST /api/models/{model}/versions/{version}/baselines/from-windows */
export class BaselineFromWindowsBody {
  @ApiProperty({ oneOf: [{ type: 'string', format: 'date-time' }, { type: 'integer' }], description: 'ISO-8601 or epoch ms, inclusive' })
  @IsDefined()
  from!: string | number;

  @ApiProperty({ oneOf: [{ type: 'string', format: 'date-time' }, { type: 'integer' }], description: 'ISO-8601 or epoch ms, exclusive' })
  @IsDefined()
  to!: string | number;

  @ApiPropertyOptional({ default: 10 }) @IsOptional() @IsInt() @Min(1) bins?: number;
  @ApiPropertyOptional({ default: 100 }) @IsOptional() @IsInt() @Min(0) fineBins?: number;

  @ApiPropertyOptional({ type: [String], description: 'features to treat as categorical' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_FEATURES)
  @IsString({ each: true })
  categorical?: string[];

  @ApiPropertyOptional({ type: [String], description: 'features to treat as numeric' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_FEATURES)
  @IsString({ each: true })
  numeric?: string[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'number' }, description: '{feature: weight}, weights >= 0' })
  @IsOptional()
  @IsObject()
  importance?: Record<string, number>;

  @ApiPropertyOptional({ description: 'baseline id (default: generated)' })
  @IsOptional()
  @Matches(BASELINE_ID, { message: 'baselineId must be 1 to 128 characters: letters, digits, ".", "_", ":" or "-"' })
  baselineId?: string;
}
