import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { STORE } from '@driftwatch/runtime';
import { IncidentRepository, type IncidentQuery, type Store } from '@driftwatch/store';
import { toIncidentView, type IncidentView } from './incident-view';

@Injectable()
export class IncidentsService {
  private readonly incidents: IncidentRepository;

  constructor(@Inject(STORE) store: Store) {
    this.incidents = new IncidentRepository(store.client);
  }

  async list(query: IncidentQuery): Promise<IncidentView[]> {
    return (await this.incidents.list(query)).map(toIncidentView);
  }

  async get(incidentId: string): Promise<IncidentView> {
    const incident = await this.incidents.get(incidentId);
    if (!incident) throw new NotFoundException(`no incident ${JSON.stringify(incidentId)}`);
    return toIncidentView(incident);
  }
}
