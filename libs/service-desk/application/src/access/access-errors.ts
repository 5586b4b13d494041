/** The entity does not exist for this principal (it may exist for others: never leak that). */
export class EntityNotFoundError extends Error {
  constructor(
    readonly entity: 'request' | 'incident' | 'problem',
    readonly id: string,
  ) {
    super(`No ${entity} ${id}.`);
    this.name = 'EntityNotFoundError';
  }
}

/** The principal may see the entity but not change it. */
export class AccessDeniedError extends Error {
  constructor(
    readonly entity: 'request' | 'incident' | 'problem',
    readonly id: string,
  ) {
    super(`Your roles give read-only access to this ${entity}.`);
    this.name = 'AccessDeniedError';
  }
}

/** "Take next" found nothing the principal may take: the queue is empty (for them). */
export class QueueEmptyError extends Error {
  constructor(readonly entity: 'request' | 'incident') {
    super(`There is no unassigned ${entity} you may take.`);
    this.name = 'QueueEmptyError';
  }
}
