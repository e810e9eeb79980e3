import { ApiProperty } from '@nestjs/swagger';

// OpenAPI description of GET /api/models/{model}/performance (responses are plain objects; these classes only document them).
export class MetricIntervalResponse {
  @ApiProperty() low!: number;
  @ApiProperty() high!: number;
  @ApiProperty({ example: 0.99 }) confidence!: number;
  @ApiProperty({ example: 'wilson' }) method!: string;
}

export class PerformanceWindowResponse {
  @ApiProperty() modelVersion!: string;
  @ApiProperty({ format: 'date-time' }) windowStart!: string;
  @ApiProperty({ format: 'date-time' }) windowEnd!: string;
  @ApiProperty({ description: 'predictions stored for the window' }) predicted!: number;
  @ApiProperty({ description: 'of those, the ones with a label' }) labelled!: number;
  @ApiProperty({ description: 'labelled / predicted' }) coverage!: number;
  @ApiProperty({ type: String, nullable: true, enum: ['binary', 'multiclass', 'regression'] }) task!: string | null;
  @ApiProperty({ description: 'the metric the policy watches', example: 'rocAuc' }) metric!: string;
  @ApiProperty({ type: Number, nullable: true }) value!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: "the baseline's value of the metric" }) baselineValue!: number | null;
  @ApiProperty({ type: MetricIntervalResponse, nullable: true }) interval!: MetricIntervalResponse | null;
  @ApiProperty({ description: 'false while too few labels are in' }) judged!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'why it was not judged' }) reason!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number', nullable: true }, description: 'every metric of the window (null: not computable)' })
  metrics!: Record<string, number | null>;
  @ApiProperty({ format: 'date-time', description: 'last computed (late labels recompute a window)' }) computedAt!: string;
}

export class PerformanceListResponse {
  @ApiProperty() modelId!: string;
  @ApiProperty({ type: String, nullable: true }) modelVersion!: string | null;
  @ApiProperty({ enum: ['window', 'rollup'] }) granularity!: string;
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ type: [PerformanceWindowResponse], description: 'newest first' }) windows!: PerformanceWindowResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'pass as `cursor` (same from/to) for the next, older page; null on the last page' }) nextCursor!: string | null;
}
