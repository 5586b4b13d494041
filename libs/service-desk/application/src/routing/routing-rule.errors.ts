/** No routing rule with this id. */
export class RoutingRuleNotFoundError extends Error {
  constructor(readonly id: string) {
    super(`No routing rule ${id}.`);
    this.name = 'RoutingRuleNotFoundError';
  }
}

/** The rule (or the order) changed since the editor read it. */
export class StaleRoutingRuleError extends Error {
  constructor(
    readonly what: 'rule' | 'order',
    readonly expected: number,
    readonly actual: number,
  ) {
    super(
      what === 'rule'
        ? `The routing rule is at version ${actual}, not ${expected}: it changed since you read it`
        : `The routing rules are at revision ${actual}, not ${expected}: they changed since you read them`,
    );
    this.name = 'StaleRoutingRuleError';
  }
}

/** The caller may not change routing into (or out of) this department. */
export class RoutingRuleForbiddenError extends Error {
  constructor(
    readonly rule: 'routing-needs-manager' | 'routing-department-not-yours' | 'routing-order-of-others',
    message: string,
  ) {
    super(message);
    this.name = 'RoutingRuleForbiddenError';
  }
}
