import type { Service, WorkGroup } from '@switchboard/catalogue/domain';
import type { Client, Order } from '@switchboard/customers/domain';
import type { Residency, Unit } from '@switchboard/estate/domain';

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

/** A site of the demo estate with its buildings, entrances and units (fixed ids: loading it again finds them). */
export interface DemoSite {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly address: string;
  readonly buildings: readonly {
    readonly id: string;
    readonly name: string;
    readonly entrances: readonly { readonly id: string; readonly number: string }[];
    readonly units: readonly (Omit<Unit, 'version' | 'buildingId' | 'entranceId'> & { readonly entrance: string })[];
  }[];
}

/** Units the demo residents hold (the portal and the tests name them). */
export const demoUnits = {
  riverPark45: '0e57a7e0-0000-4000-8000-000000000245',
  riverParkP12: '0e57a7e0-0000-4000-8000-000000000212',
  oldTown7: '0e57a7e0-0000-4000-8000-000000000107',
} as const;

const apartments = (entrance: string, numbers: readonly number[], firstFloor: number, prefix: string) =>
  numbers.map((n, i) => ({
    id: `${prefix}${String(n).padStart(3, '0')}`,
    entrance,
    number: String(n),
    type: 'apartment' as const,
    floor: firstFloor + Math.floor(i / 2),
    area: 38 + (n % 4) * 12,
    rooms: 1 + (n % 3),
  }));

/**
 * The demo estate (ADR 0028): two sites named like the realm's site groups (/sites/river-park,
 * /sites/old-town), a few units each, so the grid, the guard's desk and the portal have something
 * to show.
 */
export const demoEstate: readonly DemoSite[] = [
  {
    id: '0e57a7e0-0000-4000-8000-00000000a001',
    slug: 'river-park',
    name: 'River Park',
    address: '1 River Street',
    buildings: [
      {
        id: '0e57a7e0-0000-4000-8000-00000000b002',
        name: 'Building 2',
        entrances: [{ id: '0e57a7e0-0000-4000-8000-00000000e021', number: '1' }],
        units: [
          ...apartments('1', [41, 42, 43, 44, 46], 10, '0e57a7e0-0000-4000-8000-000000000'),
          { id: demoUnits.riverPark45, entrance: '1', number: '45', type: 'apartment', floor: 12, area: 64, rooms: 2 },
          { id: demoUnits.riverParkP12, entrance: '1', number: 'P-12', type: 'parking', floor: -1, area: 14 },
        ],
      },
    ],
  },
  {
    id: '0e57a7e0-0000-4000-8000-00000000a002',
    slug: 'old-town',
    name: 'Old Town',
    address: '7 Market Square',
    buildings: [
      {
        id: '0e57a7e0-0000-4000-8000-00000000b001',
        name: 'Building 1',
        entrances: [{ id: '0e57a7e0-0000-4000-8000-00000000e011', number: '1' }],
        units: [
          ...apartments('1', [5, 6, 8], 2, '0e57a7e0-0000-4000-8000-000000000'),
          { id: demoUnits.oldTown7, entrance: '1', number: '7', type: 'apartment', floor: 3, area: 52, rooms: 2 },
        ],
      },
    ],
  },
];

/** The demo clients' residencies: Anna Volkova owns an apartment and a parking space, Ivan Petrov rents an apartment. */
export const demoResidencies: readonly Residency[] = [
  { id: '0e57a7e0-0000-4000-8000-00000000c001', unitId: demoUnits.riverPark45, clientId: demoClients[3].id, relation: 'owner', from: '2021-03-01' },
  { id: '0e57a7e0-0000-4000-8000-00000000c002', unitId: demoUnits.riverParkP12, clientId: demoClients[3].id, relation: 'owner', from: '2021-03-01' },
  { id: '0e57a7e0-0000-4000-8000-00000000c003', unitId: demoUnits.oldTown7, clientId: demoClients[0].id, relation: 'tenant', from: '2024-09-01' },
];
