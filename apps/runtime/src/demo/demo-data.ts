import type { Service, WorkGroup } from '@switchboard/catalogue/domain';
import type { Client, Order } from '@switchboard/customers/domain';

/** Reference data and customers for the embedded demo; work-group managers are realm users. */
export const demoWorkGroups: WorkGroup[] = [
  { code: 301, name: 'Network L3', email: 'network-l3@switchboard.example', managerId: '5b0a0000-0000-4000-8000-000000000201' },
  { code: 302, name: 'Billing L3', email: 'billing-l3@switchboard.example', managerId: '5b0a0000-0000-4000-8000-000000000202' },
];

export const demoServices: Service[] = [
  { code: 1001, name: 'Home internet', workGroupCode: 301 },
  { code: 1002, name: 'IP telephony', workGroupCode: 301 },
  { code: 2001, name: 'Invoices and payments', workGroupCode: 302 },
  { code: 2002, name: 'Tariff changes', workGroupCode: 302 },
];

export const demoClients: Client[] = [
  {
    id: '7c1e0000-0000-4000-8000-000000000001',
    firstName: 'Ivan',
    lastName: 'Petrov',
    middleName: 'Sergeevich',
    phone: '+79161234567',
    email: 'ivan.petrov@example.com',
  },
  { id: '7c1e0000-0000-4000-8000-000000000002', firstName: 'Maria', lastName: 'Sokolova', phone: '+79035550101', email: 'm.sokolova@example.com' },
  {
    id: '7c1e0000-0000-4000-8000-000000000003',
    firstName: 'Oleg',
    lastName: 'Kuznetsov',
    phone: '+74951112233',
    email: 'oleg@stroymontazh.example',
    inn: '7707083893',
    organisation: 'Stroymontazh LLC',
  },
  { id: '7c1e0000-0000-4000-8000-000000000004', firstName: 'Anna', lastName: 'Volkova', phone: '+447400123456' },
];

export const demoOrders: Order[] = [
  {
    id: '0d0e0000-0000-4000-8000-000000000001',
    code: 'ORD-100001',
    name: 'Fibre 500 Mbit/s',
    cost: '890.00',
    createdAt: new Date('2026-01-15T09:00:00Z'),
    clientId: demoClients[0].id,
  },
  {
    id: '0d0e0000-0000-4000-8000-000000000002',
    code: 'ORD-100002',
    name: 'Static IP address',
    cost: '150.00',
    createdAt: new Date('2026-02-01T12:30:00Z'),
    clientId: demoClients[0].id,
  },
  {
    id: '0d0e0000-0000-4000-8000-000000000003',
    code: 'ORD-100003',
    name: 'IP telephony, 10 lines',
    cost: '4200.00',
    createdAt: new Date('2026-03-10T08:15:00Z'),
    clientId: demoClients[2].id,
  },
  {
    id: '0d0e0000-0000-4000-8000-000000000004',
    code: 'ORD-100004',
    name: 'Fibre 100 Mbit/s',
    cost: '490.00',
    createdAt: new Date('2026-04-22T17:45:00Z'),
    clientId: demoClients[1].id,
  },
];

/** The residents' portal demo: the units demo clients live in (until the estate's residents replace them). */
export const demoResidentUnits: { clientId: string; unitId: string; label: string; siteSlug: string }[] = [
  { clientId: demoClients[3].id, unitId: 'river-park-2-45', label: 'River Park, building 2, apt 45', siteSlug: 'river-park' },
  { clientId: demoClients[3].id, unitId: 'river-park-2-p12', label: 'River Park, building 2, parking 12', siteSlug: 'river-park' },
  { clientId: demoClients[0].id, unitId: 'old-town-1-7', label: 'Old Town, building 1, apt 7', siteSlug: 'old-town' },
];
