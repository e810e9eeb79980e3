import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// OpenAPI description of the window endpoints (responses are plain objects; these classes only document them).
export class FeatureHistogramResponse {
  @ApiProperty() feature!: string;
  @ApiProperty({ description: "baseline whose bins `bins` refer to; '' when the model had none" }) baselineId!: string;
  @ApiProperty({ description: 'values of the expected type (the ones in bins or categories)' }) count!: number;
  @ApiProperty() missing!: number;
  @ApiProperty() typeErrors!: number;
  @ApiProperty({ type: [Number], description: 'numeric: counts per baseline bin' }) bins!: number[];
  @ApiProperty({ type: [Number], description: "numeric: counts per bin of the baseline's fine grid" }) fineBins!: number[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'categorical/boolean: count per category' })
  categories!: Record<string, number>;
  @ApiProperty() outOfRangeLow!: number;
  @ApiProperty() outOfRangeHigh!: number;
  @ApiProperty({ type: Number, nullable: true }) min!: number | null;
  @ApiProperty({ type: Number, nullable: true }) max!: number | null;
  @ApiProperty() sum!: number;
  @ApiProperty() sumSq!: number;
}

export class WindowResponse {
  @ApiProperty() modelVersion!: string;
  @ApiProperty({ format: 'date-time' }) start!: string;
  @ApiProperty({ format: 'date-time' }) end!: string;
  @ApiProperty() eventCount!: number;
  @ApiProperty({ description: 'events that arrived after the window had closed' }) lateCount!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) firstEventTime!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastEventTime!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty({ description: 'source windows summed into this one' }) windowCount!: number;
  @ApiProperty({ type: [FeatureHistogramResponse] }) features!: FeatureHistogramResponse[];
}

export class WindowListResponse {
  @ApiProperty() modelId!: string;
  @ApiProperty({ type: String, nullable: true }) modelVersion!: string | null;
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiPropertyOptional() bucketSeconds?: number;
  @ApiProperty({ type: [WindowResponse] }) windows!: WindowResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'pass as `cursor` (with the same from/to) for the next page; null on the last page' })
  nextCursor!: string | null;
}
