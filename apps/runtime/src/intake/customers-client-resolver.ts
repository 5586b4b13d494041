import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { ClientNotFoundError } from '@switchboard/customers';
import type { ClientIdentification } from '@switchboard/customers';
import type { ClientHint, ClientResolver, ResolvedClient } from '@switchboard/service-desk';
import { errorMessage } from '@switchboard/kernel';

/**
 * Identity resolution for intake through the customers context (ours, then the LegacyDB, then a
 * new client). It never blocks a contact: when identification fails the request is registered
 * unlinked and an operator links the client later.
 */
export class CustomersClientResolver implements ClientResolver {
  private readonly logger = new Logger('intake');

  constructor(private readonly identification: ClientIdentification) {}

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
      return {
        clientId: identified.clientId,
        order: identified.orderId && hint.orderCode ? { orderId: identified.orderId, orderCode: hint.orderCode } : undefined,
      };
    } catch (error) {
      // A phone nobody knows, with no name to create a client from: the usual first contact.
      if (error instanceof ClientNotFoundError) return {};
      this.logger.warn(`client not identified, registering the request unlinked: ${errorMessage(error)}`);
      return {};
    }
  }
}
