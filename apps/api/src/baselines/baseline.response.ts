import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BaselineFeatureBody, PerformanceSnapshotBody } from './baseline-body.dto';

// OpenAPI description of the baseline responses (plain objects; these classes only document them).
export class BaselineResponse {
  @ApiProperty() modelId!: string;
  @ApiProperty() modelVersion!: string;
  @ApiProperty() baselineId!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty() rowCount!: number;
  @ApiProperty() source!: string;
  @ApiProperty({ type: [BaselineFeatureBody] }) features!: BaselineFeatureBody[];
  @ApiPropertyOptional({ type: PerformanceSnapshotBody, description: "the model's performance on the baseline rows, when they had labels" })
  performance?: PerformanceSnapshotBody;
  @ApiPropertyOptional({ description: 'from-windows only: samples used and available' }) samples?: { used: number; available: number };
}

export class BaselineSummaryResponse {
  @ApiProperty() modelId!: string;
  @ApiProperty() modelVersion!: string;
  @ApiProperty() baselineId!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty() rowCount!: number;
  @ApiProperty() source!: string;
  @ApiProperty() featureCount!: number;
  @ApiProperty({ description: 'the newest baseline of its version, the one windows are binned with' }) active!: boolean;
}

export class BaselineListResponse {
  @ApiProperty({ type: [BaselineSummaryResponse] }) baselines!: BaselineSummaryResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'pass as `cursor` for the next page; null on the last page' }) nextCursor!: string | null;
}
