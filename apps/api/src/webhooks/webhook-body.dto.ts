import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Length, ValidateIf } from 'class-validator';
import { WEBHOOK_FORMATS, type WebhookFormat } from '@driftwatch/alerting';

/** A webhook destination as POSTed or PUT. On PUT, omitted secrets keep their stored values. */
export class WebhookBody {
  @ApiProperty({ maxLength: 200, example: 'credit-risk on-call' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'only incidents of this model; null or absent: every model' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @Length(1, 128)
  modelId?: string | null;

  @ApiProperty({ enum: WEBHOOK_FORMATS, description: 'generic: the IncidentEvent JSON; slack: incoming-webhook message; pagerduty: Events API v2' })
  @IsIn(WEBHOOK_FORMATS)
  format!: WebhookFormat;

  @ApiProperty({ example: 'https://hooks.slack.com/services/T000/B000/XXXX', description: 'https:// (or http://) URL receiving POSTs' })
  @IsString()
  @Length(1, 2048)
  url!: string;

  @ApiPropertyOptional({ minLength: 16, maxLength: 512, description: 'HMAC-SHA256 key of X-Driftwatch-Signature; required on create; never returned' })
  @IsOptional()
  @IsString()
  @Length(16, 512)
  secret?: string;

  @ApiPropertyOptional({ description: 'PagerDuty integration (routing) key; required for pagerduty; never returned' })
  @IsOptional()
  @IsString()
  @Length(1, 256)
  routingKey?: string;

  @ApiPropertyOptional({ enum: ['warning', 'critical'], default: 'warning', description: 'incidents below this severity are not sent' })
  @IsOptional()
  @IsIn(['warning', 'critical'])
  minSeverity?: 'warning' | 'critical';

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}
