import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { ClientNotFoundError } from '@switchboard/customers';
import type { ClientIdentification } from '@switchboard/customers';
import type { EstateResidents } from '@switchboard/estate';
import type { ClientHint, ClientResolver, ResolvedClient } from '@switchboard/service-desk';
import { errorMessage } from '@switchboard/kernel';

/**
 * Identity resolution for intake through the customers context (ours, then the LegacyDB, then a
 * new client). It never blocks a contact: when identification fails the request is registered
 * unlinked and an operator links the client later. A client who holds exactly one estate unit today
 * has the request registered for that unit; with several (or none) the operator chooses.
 */
export class CustomersClientResolver implements ClientResolver {
  private readonly logger = new Logger('intake');

  constructor(
    private readonly identification: ClientIdentification,
    private readonly estate?: Pick<EstateResidents, 'currentUnitsOf'>,
  ) {}

  async resolve(hint: ClientHint): Promise<ResolvedClient> {
    if (!hint.phone) return {};
    try {
      const identified = await this.identification.identify({
        phone: hint.phone,
        orderCode: hint.orderCode,
        newClient: hint.firstName || hint.lastName ? { firstName: hint.firstName, lastName: hint.lastName, email: hint.email, phone: hint.phone } : undefined,
        now: new Date(),
        newId: randomUUID,
      });
      const unit = await this.onlyUnitOf(identified.clientId);
      return {
        clientId: identified.clientId,
        ...(unit ? { unit } : {}),
        order: identified.orderId && hint.orderCode ? { orderId: identified.orderId, orderCode: hint.orderCode } : undefined,
        profile: {
          kind: identified.legalEntity ? 'legal-entity' : 'person',
          ...(identified.inn !== undefined ? { inn: identified.inn } : {}),
          ...(identified.tags?.length ? { tags: identified.tags } : {}),
        },
      };
    } catch (error) {
      // A phone nobody knows, with no name to create a client from: the usual first contact.
      if (error instanceof ClientNotFoundError) return {};
      this.logger.warn(`client not identified, registering the request unlinked: ${errorMessage(error)}`);
      return {};
    }
  }

  private async onlyUnitOf(clientId: string): Promise<{ unitId: string; buildingId: string; siteSlug: string } | undefined> {
    if (!this.estate) return undefined;
    try {
      const units = new Map((await this.estate.currentUnitsOf(clientId, new Date())).map((held) => [held.unit.id, held.unit]));
      if (units.size !== 1) return undefined;
      const [[unitId, unit]] = [...units];
      return { unitId, buildingId: unit.buildingId, siteSlug: unit.siteSlug };
    } catch (error) {
      this.logger.warn(`units of client ${clientId} not read, registering the request without a unit: ${errorMessage(error)}`);
      return undefined;
    }
  }
}
