import { ApiProperty } from '@nestjs/swagger';

// OpenAPI description of GET /api/models (responses are plain objects; these classes only document them).
export class ModelVersionResponse {
  @ApiProperty() modelVersion!: string;
  @ApiProperty({ description: 'windows stored for this version' }) windowCount!: number;
  @ApiProperty() eventCount!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) firstWindowStart!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastWindowEnd!: string | null;
  @ApiProperty() hasBaseline!: boolean;
  @ApiProperty({ type: String, nullable: true }) activeBaselineId!: string | null;
}

export class ModelResponse {
  @ApiProperty() modelId!: string;
  @ApiProperty({ description: 'versions of the model in all; `versions` lists at most 100 of them (those with the newest windows)' }) versionCount!: number;
  @ApiProperty({ type: [ModelVersionResponse] }) versions!: ModelVersionResponse[];
}

export class ModelListResponse {
  @ApiProperty({ type: [ModelResponse] }) models!: ModelResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'pass as `cursor` for the next page; null on the last page' }) nextCursor!: string | null;
}
