import { Injectable, NotFoundException } from '@nestjs/common';
import { IncidentRepository, type IncidentQuery } from '@driftwatch/store';
import { toIncidentView, type IncidentView } from './incident-view';

@Injectable()
export class IncidentsService {
  constructor(private readonly incidents: IncidentRepository) {}

  async list(query: IncidentQuery): Promise<IncidentView[]> {
    return (await this.incidents.list(query)).map(toIncidentView);
  }

  async get(incidentId: string): Promise<IncidentView> {
    const incident = await this.incidents.get(incidentId);
    if (!incident) throw new NotFoundException(`no incident ${JSON.stringify(incidentId)}`);
    return toIncidentView(incident);
  }
}
