/** Where an incident for a catalogue service goes: the service's work group. */
export interface ServiceRoute {
  readonly serviceCode: number;
  readonly workGroupCode: number;
}

export interface ServiceRouting {
  routeFor(serviceCode: number): Promise<ServiceRoute | undefined>;
}

export const SERVICE_ROUTING = Symbol('ServiceRouting');
