import { randomUUID } from 'node:crypto';
import { Controller, Delete, Get, Headers, HttpCode, Inject, Post, Put, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import { CurrentPrincipal, Permits } from '@switchboard/identity';
import type { Principal } from '@switchboard/identity/domain';
import { Operation, Problems, Responds, ZodBody, ZodParam, validationProblem } from '@switchboard/platform';
import { RoutingRulesAdmin, deterministicUuid } from '@switchboard/service-desk';
import type { RoutingRuleDraft, RoutingRuleList, StoredRoutingRule } from '@switchboard/service-desk';
import { expectedRevisionFrom } from '../http/command-envelope.from-headers';
import { entityId } from '../http/inputs';
import { ServiceDeskProblemsInterceptor } from '../http/service-desk-problems.interceptor';
import { routingRuleAnswer, routingRuleListAnswer } from './routing-rule.answers';
import { routingOrderBody, routingRuleBody } from './routing-rule.bodies';

type HeaderBag = Record<string, string | string[] | undefined>;
type RuleAnswer = z.output<typeof routingRuleAnswer>;

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The version (rule) or revision (order) the editor saw, as in the ETag; a stale one answers 409.',
};

/** Routing rules: help-desk managers route new contacts into their departments (ADR 0019). */
@ApiTags('routing')
@ApiBearerAuth()
@Permits('routing.admin')
@Problems(400, 401, 403, 503)
@UseInterceptors(ServiceDeskProblemsInterceptor)
@Controller('routing-rules')
export class RoutingRulesController {
  constructor(@Inject(RoutingRulesAdmin) private readonly admin: RoutingRulesAdmin) {}

  @Get()
  @Operation(
    'listRoutingRules',
    'The routing rules in the order intake evaluates them (the first that matches a new contact routes it); the ETag is their revision.',
  )
  @Responds(200, routingRuleListAnswer, 'The rules.')
  async list(@CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: Response): Promise<{ revision: number; items: RuleAnswer[] }> {
    return this.answerList(principal, await this.admin.list(), res);
  }

  @Post()
  @HttpCode(201)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Resubmitting a create with the same key answers the rule it made.' })
  @Operation('createRoutingRule', 'Add a routing rule at the end of the order, routing into one of your departments.')
  @Responds(201, routingRuleAnswer, 'Created; the ETag is its version.')
  @Problems(413, 422)
  async create(
    @CurrentPrincipal() principal: Principal,
    @Headers() headers: HeaderBag,
    @ZodBody(routingRuleBody) input: z.output<typeof routingRuleBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RuleAnswer> {
    const key = headers['idempotency-key'];
    const id = typeof key === 'string' && key.trim() ? deterministicUuid(`routing-rule:${principal.userId}:${key.trim()}`) : randomUUID();
    const rule = await this.admin.create(principal, id, draftOf(input));
    res.setHeader('Location', `/routing-rules/${rule.id}`);
    return answerRule(principal, rule, res);
  }

  @Put('order')
  @ApiHeader(IF_MATCH)
  @Operation(
    'reorderRoutingRules',
    'Put the rules in a new order (every id once); you may move your departments’ rules only, the others keep their relative order.',
  )
  @Responds(200, routingRuleListAnswer, 'The rules in their new order.')
  @Problems(409, 413, 422)
  async reorder(
    @CurrentPrincipal() principal: Principal,
    @Headers() headers: HeaderBag,
    @ZodBody(routingOrderBody) input: z.output<typeof routingOrderBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<object> {
    return this.answerList(principal, await this.admin.reorder(principal, input.ids, expectedRevisionFrom(headers)), res);
  }

  @Put(':id')
  @ApiHeader(IF_MATCH)
  @Operation('updateRoutingRule', 'Change a routing rule of your departments (its place in the order stays).')
  @Responds(200, routingRuleAnswer, 'The rule as changed; the ETag is its new version.')
  @Problems(404, 409, 413, 422)
  async update(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('id', entityId) id: string,
    @Headers() headers: HeaderBag,
    @ZodBody(routingRuleBody) input: z.output<typeof routingRuleBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RuleAnswer> {
    return answerRule(principal, await this.admin.update(principal, id, draftOf(input), expectedRevisionFrom(headers)), res);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiHeader(IF_MATCH)
  @Operation('deleteRoutingRule', 'Delete a routing rule of your departments.')
  @Responds(204, null, 'Deleted.')
  @Problems(404, 409)
  async remove(@CurrentPrincipal() principal: Principal, @ZodParam('id', entityId) id: string, @Headers() headers: HeaderBag): Promise<void> {
    await this.admin.remove(principal, id, expectedRevisionFrom(headers));
  }

  private answerList(principal: Principal, list: RoutingRuleList, res: Response): { revision: number; items: RuleAnswer[] } {
    res.setHeader('ETag', `"${list.revision}"`);
    return { revision: list.revision, items: list.rules.map((rule) => ruleAnswer(principal, rule)) };
  }
}

function draftOf(input: z.output<typeof routingRuleBody>): RoutingRuleDraft {
  const { channels, recipients, esbSources, clientKinds, clientInns, clientTags, keywords, pattern } = input.conditions;
  const some = <T>(values: readonly T[] | undefined) => (values && values.length > 0 ? values : undefined);
  if (recipients && channels?.length && !channels.some((c) => c === 'sms' || c === 'telegram')) {
    throw validationProblem('invalid routing rule', [
      { field: 'conditions.recipients', message: 'only SMS and Telegram say which number or bot was written to' },
    ]);
  }
  return {
    name: input.name,
    enabled: input.enabled ?? true,
    conditions: {
      ...(some(channels) ? { channels } : {}),
      ...(some(recipients) ? { recipients } : {}),
      ...(some(esbSources) ? { esbSources } : {}),
      ...(some(clientKinds) ? { clientKinds } : {}),
      ...(some(clientInns) ? { clientInns } : {}),
      ...(some(clientTags) ? { clientTags: clientTags?.map((t) => t.toLowerCase()) } : {}),
      ...(some(keywords) ? { keywords } : {}),
      ...(pattern ? { pattern } : {}),
    },
    outcome: {
      department: input.outcome.department,
      ...(input.outcome.priority ? { priority: input.outcome.priority } : {}),
      ...(input.outcome.tags?.length ? { tags: input.outcome.tags } : {}),
    },
  };
}

function ruleAnswer(principal: Principal, rule: StoredRoutingRule): RuleAnswer {
  const { channels, recipients, esbSources, clientKinds, clientInns, clientTags, keywords, pattern } = rule.conditions;
  return {
    ...rule,
    conditions: {
      channels: channels && [...channels],
      recipients: recipients && [...recipients],
      esbSources: esbSources && [...esbSources],
      clientKinds: clientKinds && [...clientKinds],
      clientInns: clientInns && [...clientInns],
      clientTags: clientTags && [...clientTags],
      keywords: keywords && [...keywords],
      pattern,
    },
    outcome: { ...rule.outcome, tags: rule.outcome.tags && [...rule.outcome.tags] },
    access: principal.departments.includes(rule.outcome.department) ? 'full' : 'read',
  };
}

function answerRule(principal: Principal, rule: StoredRoutingRule, res: Response): RuleAnswer {
  res.setHeader('ETag', `"${rule.version}"`);
  return ruleAnswer(principal, rule);
}
