/**
 * The permission catalogue (ADR 0031): what may be granted to a role. A permission is
 * `resource.action`, with `:scope` where the rule is relational; the scope's predicate (own,
 * department, work group, site) stays code, which roles hold the permission is data
 * (default-role-permissions.ts, changed through the API as RolePermissionsChanged events).
 */
export interface PermissionEntry {
  readonly resource: string;
  readonly description: { readonly ru: string; readonly en: string };
}

const entry = (resource: string, en: string, ru: string): PermissionEntry => ({ resource, description: { en, ru } });

export const permissionCatalogue = {
  // Service requests (docs/architecture.md, "Roles and visibility").
  'request.work:own': entry(
    'request',
    'Works the requests assigned to them (reads and changes them); a request they register is theirs',
    'Работает со своими заявками (назначенными ему); зарегистрированная им заявка становится его',
  ),
  'request.read:department-queue': entry(
    'request',
    'Reads the unassigned requests of their departments (the queue)',
    'Видит неназначенные заявки своих отделов (очередь)',
  ),
  'request.work:department': entry('request', 'Works every request of their departments', 'Работает со всеми заявками своих отделов'),
  'request.read:my-incidents': entry('request', 'Reads the requests of the incidents assigned to them', 'Видит заявки своих инцидентов'),
  'request.read:work-group': entry('request', 'Reads the requests of their work groups’ incidents', 'Видит заявки инцидентов своих рабочих групп'),
  'request.take:department': entry(
    'request',
    'Works the request queues of their departments: registers requests, takes them, receives calls',
    'Работает с очередями заявок своих отделов: регистрирует, берёт в работу, принимает звонки',
  ),
  'request.set-priority:department': entry('request', 'Sets the priority of their departments’ requests', 'Устанавливает приоритет заявок своих отделов'),
  'request.move:department': entry('request', 'Moves a request to another department (when assigning it)', 'Переводит заявку в другой отдел (при назначении)'),
  // Site staff and technicians (ADR 0032).
  'request.work:site': entry('request', 'Works every request of their sites', 'Работает со всеми заявками своих объектов'),
  'request.read:every-site': entry('request', 'Reads the requests of every site', 'Видит заявки всех объектов'),
  'request.assign:site': entry(
    'request',
    'Assigns the requests of their sites to the sites’ technicians',
    'Назначает заявки своих объектов техникам этих объектов',
  ),
  'request.register:site': entry(
    'request',
    'Registers requests for units and buildings of their sites',
    'Регистрирует заявки по помещениям и зданиям своих объектов',
  ),
  'request.work:assigned': entry('request', 'Works the requests assigned to them (technicians)', 'Работает с назначенными ему заявками (техник)'),
  'request.take:site': entry('request', 'Reads and takes the unassigned requests of their sites', 'Видит и берёт неназначенные заявки своих объектов'),
  // Incidents.
  'incident.work:own': entry('incident', 'Works the incidents assigned to them', 'Работает со своими инцидентами'),
  'incident.read:work-group-queue': entry(
    'incident',
    'Reads the unassigned incidents of their work groups (the queue)',
    'Видит неназначенные инциденты своих рабочих групп (очередь)',
  ),
  'incident.work:work-group': entry('incident', 'Works every incident of their work groups', 'Работает со всеми инцидентами своих рабочих групп'),
  'incident.read:my-requests': entry('incident', 'Reads the incidents of the requests assigned to them', 'Видит инциденты своих заявок'),
  'incident.read:department': entry('incident', 'Reads the incidents of their departments’ requests', 'Видит инциденты заявок своих отделов'),
  'incident.take:work-group': entry('incident', 'Works the incident queues of their work groups', 'Работает с очередями инцидентов своих рабочих групп'),
  'incident.set-priority:work-group': entry(
    'incident',
    'Sets the priority of their work groups’ incidents',
    'Устанавливает приоритет инцидентов своих рабочих групп',
  ),
  // Problems, presence, team load.
  'problem.read': entry('problem', 'Reads problems (mass incidents)', 'Видит проблемы (массовые инциденты)'),
  'problem.manage': entry('problem', 'Opens, links and resolves problems', 'Открывает, связывает и решает проблемы'),
  'presence.set': entry('presence', 'Reports their own presence for automatic assignment', 'Сообщает своё присутствие для автоназначения'),
  'team.read:department': entry('team', 'Reads the load of their departments’ operators', 'Видит загрузку операторов своих отделов'),
  'team.read:work-group': entry('team', 'Reads the load of their work groups’ engineers', 'Видит загрузку инженеров своих рабочих групп'),
  // Queue administration.
  'routing.admin': entry('routing', 'Keeps the routing rules', 'Ведёт правила маршрутизации'),
  'sla.admin:department': entry('sla', 'Keeps the SLA policies of their departments', 'Ведёт SLA-политики своих отделов'),
  'sla.admin:work-group': entry('sla', 'Keeps the SLA policies of their work groups', 'Ведёт SLA-политики своих рабочих групп'),
  'auto-assignment.admin:department': entry(
    'auto-assignment',
    'Sets up automatic assignment in their departments',
    'Настраивает автоназначение в своих отделах',
  ),
  'auto-assignment.admin:work-group': entry(
    'auto-assignment',
    'Sets up automatic assignment in their work groups',
    'Настраивает автоназначение в своих рабочих группах',
  ),
  // Clients and the residents' portal.
  'client.edit': entry('client', 'Creates and changes clients', 'Создаёт и изменяет клиентов'),
  'resident.invite': entry('resident', 'Invites clients to the residents’ portal', 'Приглашает клиентов в личный кабинет'),
  // Communications.
  'communications.admin': entry(
    'communications',
    'Administers communications: channels, every department’s policies, templates',
    'Администрирует коммуникации: каналы, политики всех отделов, шаблоны',
  ),
  'communications.manage:department': entry(
    'communications',
    'Manages their departments’ communications, mailings and survey results',
    'Управляет коммуникациями, рассылками и результатами опросов своих отделов',
  ),
  'communications.send-personal:department': entry(
    'communications',
    'Sends personal communications to clients from their departments',
    'Отправляет клиентам личные сообщения от своих отделов',
  ),
  'communications.templates': entry('communications', 'Keeps the communication templates', 'Ведёт шаблоны сообщений'),
  'api-keys.admin': entry('api-keys', 'Issues public API keys and webhooks', 'Выпускает ключи публичного API и вебхуки'),
  // The estate.
  'estate.read:all': entry('estate', 'Reads the estate of every site', 'Видит объекты недвижимости всех площадок'),
  'estate.read:site': entry('estate', 'Reads the estate of their sites', 'Видит объекты недвижимости своих площадок'),
  'estate.edit:all': entry('estate', 'Keeps the estate of every site', 'Ведёт объекты недвижимости всех площадок'),
  'estate.edit:site': entry('estate', 'Keeps the estate of their sites', 'Ведёт объекты недвижимости своих площадок'),
  'estate.site.create': entry('estate', 'Adds sites', 'Добавляет площадки'),
  'unit.pick:site': entry('estate', 'Picks units of their sites (for passes)', 'Выбирает помещения своих площадок (для пропусков)'),
  // The security desk.
  'pass.create:site': entry('pass', 'Orders and revokes visitor passes at their sites', 'Оформляет и отзывает пропуска на своих площадках'),
  'pass.check:site': entry('pass', 'Checks visitors in and out at their sites', 'Отмечает приход и уход посетителей на своих площадках'),
  // Reports.
  'report.site-sla:all': entry('report', 'Reads the SLA report of every site', 'Видит отчёт SLA по всем площадкам'),
  'report.site-sla:site': entry('report', 'Reads the SLA report of their sites', 'Видит отчёт SLA по своим площадкам'),
  // Access administration.
  'access.admin': entry('access', 'Administers roles’ permissions', 'Управляет правами ролей'),
} as const satisfies Record<string, PermissionEntry>;

export type Permission = keyof typeof permissionCatalogue;

export const permissions = Object.keys(permissionCatalogue) as Permission[];

export const isPermission = (value: string): value is Permission => Object.prototype.hasOwnProperty.call(permissionCatalogue, value);
