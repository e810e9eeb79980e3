import { Module } from '@nestjs/common';
import { DriftController } from '../drift/drift.controller';
import { DriftService } from '../drift/drift.service';
import { PoliciesController } from './policies.controller';
import { PoliciesService } from './policies.service';

/**
 * GET/PUT /api/models/{model}/policy (+ /history) and GET /api/models/{model}/drift. Needs
 * RuntimeModule (the store) from the host, like ApiModule.
 */
@Module({
  controllers: [PoliciesController, DriftController],
  providers: [PoliciesService, DriftService],
})
export class PoliciesHttpModule {}
