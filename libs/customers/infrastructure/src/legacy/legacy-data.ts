import { withInnCheckDigits } from '@switchboard/customers/domain';

/** mulberry32: a small seeded PRNG, so the same seed always generates the same LegacyDB. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** In [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(10));
    return s;
  }
}

const maleLastNames = [
  'Ivanov',
  'Petrov',
  'Sidorov',
  'Smirnov',
  'Kuznetsov',
  'Popov',
  'Vasiliev',
  'Sokolov',
  'Mikhailov',
  'Novikov',
  'Fedorov',
  'Morozov',
  'Volkov',
  'Alekseev',
  'Lebedev',
  'Semenov',
  'Egorov',
  'Pavlov',
  'Kozlov',
  'Stepanov',
  'Nikolaev',
  'Orlov',
  'Andreev',
  'Makarov',
  'Nikitin',
  'Zakharov',
  'Zaitsev',
  'Soloviev',
  'Borisov',
  'Yakovlev',
  'Grigoriev',
  'Romanov',
  'Vorobiev',
  'Sergeev',
  'Kuzmin',
  'Frolov',
  'Aleksandrov',
  'Dmitriev',
  'Korolev',
  'Gusev',
  'Kiselev',
  'Ilyin',
  'Maksimov',
  'Polyakov',
  'Sorokin',
  'Vinogradov',
  'Kovalev',
  'Belov',
  'Medvedev',
  'Antonov',
  'Tarasov',
  'Zhukov',
  'Baranov',
  'Filippov',
  'Komarov',
  'Davydov',
  'Belyaev',
  'Gerasimov',
  'Bogdanov',
  'Osipov',
];
const specialLastNames = ['Rimsky-Korsakov', 'Dostoevsky', 'Tolstoy', 'Mamedov', 'Kim', 'Tsoi', 'Shevchenko', 'Bondarenko', 'Kovalenko', 'Tkachenko'];
const maleFirstNames = [
  'Aleksandr',
  'Aleksei',
  'Andrei',
  'Anton',
  'Artem',
  'Boris',
  'Vadim',
  'Valery',
  'Viktor',
  'Vladimir',
  'Gennady',
  'Georgy',
  'Grigory',
  'Daniil',
  'Denis',
  'Dmitry',
  'Evgeny',
  'Igor',
  'Ilya',
  'Ivan',
  'Kirill',
  'Konstantin',
  'Leonid',
  'Maksim',
  'Mikhail',
  'Nikita',
  'Nikolai',
  'Oleg',
  'Pavel',
  'Roman',
  'Ruslan',
  'Semen',
  'Sergei',
  'Stanislav',
  'Timur',
  'Fedor',
  'Yury',
  'Yaroslav',
];
const femaleFirstNames = [
  'Aleksandra',
  'Alina',
  'Alla',
  'Anastasia',
  'Anna',
  'Valentina',
  'Valeria',
  'Vera',
  'Victoria',
  'Galina',
  'Daria',
  'Ekaterina',
  'Elena',
  'Elizaveta',
  'Zhanna',
  'Zoya',
  'Irina',
  'Kristina',
  'Ksenia',
  'Larisa',
  'Lidia',
  'Lyubov',
  'Lyudmila',
  'Margarita',
  'Marina',
  'Maria',
  'Nadezhda',
  'Natalia',
  'Nina',
  'Oksana',
  'Olga',
  'Polina',
  'Svetlana',
  'Sofia',
  'Tatiana',
  'Ulyana',
  'Yulia',
  'Yana',
];
const fatherNames = [
  'Aleksandrov',
  'Alekseev',
  'Andreev',
  'Borisov',
  'Vasiliev',
  'Viktorov',
  'Vladimirov',
  'Gennadiev',
  'Dmitriev',
  'Evgeniev',
  'Igorev',
  'Ivanov',
  'Konstantinov',
  'Mikhailov',
  'Nikolaev',
  'Olegov',
  'Pavlov',
  'Petrov',
  'Sergeev',
  'Yuriev',
];
const organisationKinds = ['OOO', 'AO', 'ZAO', 'PAO'];
const organisationNames = [
  'Romashka',
  'Vektor',
  'StroyMontazh',
  'TelekomService',
  'Severnaya Zvezda',
  'Gorizont',
  'Альфа-Плюс',
  'UK Domovoi',
  'Kvartal',
  'Profit',
  'Energiya',
  'Setevye Resheniya',
  'Tsentr Obsluzhivaniya',
  'Luch',
  'Metallist',
  'Vostok',
];
const mobileCodes = ['903', '905', '906', '909', '915', '916', '917', '919', '925', '926', '929', '977', '985', '999'];
const landlineCodes = ['495', '499', '812'];
const mailDomains = ['mail.ru', 'yandex.ru', 'gmail.com', 'rambler.ru', 'list.ru', 'bk.ru'];
const orderNames = [
  'Internet 100 Mbit/s',
  'Internet 500 Mbit/s',
  'Router rental',
  'TV package "Basic"',
  'TV package "Extended"',
  'Static IP address',
  'IP telephony, 2 lines',
  'Cable replacement',
  'Apartment intercom',
  'Video surveillance',
  'Technician visit',
  'Equipment setup',
  'Plumbing repair',
  'Electrical works',
  'Meter replacement',
  'Annual maintenance',
];

const translit: Record<string, string> = { ov: 'ova', ev: 'eva', in: 'ina', ky: 'kaya', oy: 'aya' };

function femaleLastName(last: string): string {
  for (const [ending, female] of Object.entries(translit)) if (last.endsWith(ending)) return last.slice(0, -ending.length) + female;
  return last;
}

/** "Sergeev" → "Sergeevich" / "Sergeevna". */
const patronymic = (father: string, female: boolean): string => father + (female ? 'na' : 'ich');

interface Person {
  lastName: string;
  firstName: string;
  middleName?: string;
  /** Ten digits: code and subscriber. */
  phoneDigits: string;
  email?: string;
  inn?: string;
  organisation?: string;
}

/** Ten digits written the many ways the old system accepted. */
function writePhone(random: SeededRandom, digits: string): string {
  const code = digits.slice(0, 3);
  const a = digits.slice(3, 6);
  const b = digits.slice(6, 8);
  const c = digits.slice(8, 10);
  switch (random.int(9)) {
    case 0:
      return `8 (${code}) ${a}-${b}-${c}`;
    case 1:
      return `+7 ${code} ${a}${b}${c}`;
    case 2:
      return `8-${code}-${a}-${b}-${c}`;
    case 3:
      return `8${digits}`;
    case 4:
      return `+7 (${code}) ${a}-${b}-${c}`;
    case 5:
      return `7 ${code} ${a} ${b} ${c}`;
    case 6:
      return `${code} ${a} ${b} ${c}`;
    case 7:
      return `+7${digits}`;
    default:
      return `8 ${code} ${a}${b}${c}`;
  }
}

function writeFullName(random: SeededRandom, p: Person): string {
  const parts = [p.lastName, p.firstName, ...(p.middleName ? [p.middleName] : [])];
  const roll = random.int(100);
  if (roll < 8) return parts.join(' ').toUpperCase();
  if (roll < 10) return parts.join(' ').toLowerCase();
  if (roll < 15) return ` ${parts.join('  ')} `;
  return parts.join(' ');
}

function newPerson(random: SeededRandom, index: number, seed: number): Person {
  const female = random.chance(0.5);
  const baseLast = random.chance(0.95) ? random.pick(maleLastNames) : random.pick(specialLastNames);
  const lastName = female ? femaleLastName(baseLast) : baseLast;
  const firstName = random.pick(female ? femaleFirstNames : maleFirstNames);
  const middleName = random.chance(0.85) ? patronymic(random.pick(fatherNames), female) : undefined;
  const code = random.chance(0.9) ? random.pick(mobileCodes) : random.pick(landlineCodes);
  // A bijection of the row number: no two people share a number by chance (up to 10 million clients).
  const subscriber = String((index * 7_990_271 + seed * 104_729) % 10_000_000).padStart(7, '0');
  const person: Person = { lastName, firstName, middleName, phoneDigits: `${code}${subscriber}` };
  if (random.chance(0.6))
    person.email = `${firstName.toLowerCase()}.${lastName.toLowerCase().replace(/[^a-z]/g, '')}${random.int(100)}@${random.pick(mailDomains)}`;
  const legal = random.int(100);
  if (legal < 8) {
    person.organisation = `${random.pick(organisationKinds)} "${random.pick(organisationNames)}"`;
    person.inn = withInnCheckDigits(`${random.pick(['77', '78', '50', '66'])}${random.digits(7)}`);
  } else if (legal < 11) {
    person.inn = withInnCheckDigits(`${random.pick(['77', '78', '50'])}${random.digits(8)}`);
  }
  return person;
}

export interface LegacyClientRow {
  readonly clientNo: number;
  readonly fio: string;
  readonly tel: string | null;
  readonly email: string | null;
  readonly inn: string | null;
  readonly orgName: string | null;
  /** YYYY-MM-DD. */
  readonly created: string;
}

export interface LegacyOrderRow {
  readonly orderNo: string;
  readonly clientNo: number;
  readonly descr: string | null;
  /** numeric(12,2) as text. */
  readonly summa: string;
  /** YYYY-MM-DD HH:MM:SS, local time of the old system. */
  readonly dt: string;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const dayToDate = (day: number): string => {
  // Day 0 is 2005-01-01; plain calendar arithmetic, no clock involved.
  const d = new Date(Date.UTC(2005, 0, 1 + day));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};

/**
 * Legacy client rows with realistic mess: one full-name field (sometimes upper case, odd spaces),
 * phones in local formats, about 3% duplicates (the same person again, phone written differently,
 * email often lost), 40% without email, a few unusable phones and emails, INN and organisation
 * for legal entities (INN sometimes with spaces).
 */
export function* legacyClientRows(count: number, seed: number): Generator<LegacyClientRow> {
  const random = new SeededRandom(seed);
  const people: Person[] = [];
  for (let clientNo = 1; clientNo <= count; clientNo++) {
    const duplicate = people.length > 10 && random.chance(0.03);
    const person = duplicate ? random.pick(people) : newPerson(random, clientNo, seed);
    if (!duplicate) people.push(person);
    const garbage = random.int(1000);
    const tel = garbage < 2 ? null : garbage < 5 ? random.pick(['нет', 'см. email', '123-45-67', '-']) : writePhone(random, person.phoneDigits);
    let email: string | null = person.email ?? null;
    if (email && duplicate && random.chance(0.5)) email = null;
    else if (email && random.chance(0.05)) email = email.toUpperCase();
    else if (!email && random.chance(0.02)) email = random.pick(['-', 'нет', 'no email']);
    const inn = person.inn && random.chance(0.1) ? `${person.inn.slice(0, 2)} ${person.inn.slice(2, 4)} ${person.inn.slice(4)}` : (person.inn ?? null);
    yield {
      clientNo,
      fio: writeFullName(random, person),
      tel,
      email,
      inn,
      orgName: person.organisation ?? null,
      created: dayToDate(random.int(6_900)),
    };
  }
}

/** Legacy orders (`ZK-0000001`…) spread over the clients, with an amount as exact decimal text. */
export function* legacyOrderRows(count: number, clients: number, seed: number): Generator<LegacyOrderRow> {
  const random = new SeededRandom(seed ^ 0x5eed);
  for (let n = 1; n <= count; n++) {
    const day = random.int(7_000);
    const cents = random.chance(0.7) ? 0 : random.int(100);
    yield {
      orderNo: `ZK-${pad(n, 7)}`,
      clientNo: 1 + random.int(clients),
      descr: random.chance(0.02) ? null : random.pick(orderNames),
      summa: `${100 + random.int(99_900)}.${pad(cents)}`,
      dt: `${dayToDate(day)} ${pad(random.int(24))}:${pad(random.int(60))}:${pad(random.int(60))}`,
    };
  }
}
