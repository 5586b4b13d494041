import { randomUUID } from 'node:crypto';
import { Controller, Get, Headers, HttpCode, Inject, Post, Put, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import { CommunicationTemplates } from '@switchboard/communications';
import type { CommunicationTemplateDraft, StoredCommunicationTemplate } from '@switchboard/communications';
import { templateLanguages, templateVariables } from '@switchboard/communications/domain';
import { CurrentPrincipal, Permits } from '@switchboard/identity';
import type { Principal } from '@switchboard/identity/domain';
import { Operation, Problems, Responds, ZodBody, ZodParam } from '@switchboard/platform';
import { expectedRevisionFrom } from '../http/command-envelope.from-headers';
import { communicationTemplateAnswer, communicationTemplateListAnswer, templatePreviewAnswer } from './communication-template.answers';
import { createTemplateBody, previewTemplateBody, templateId, updateTemplateBody } from './communication-template.bodies';
import { CommunicationTemplateProblemsInterceptor } from './communication-template-problems.interceptor';

type HeaderBag = Record<string, string | string[] | undefined>;
type TemplateAnswer = z.output<typeof communicationTemplateAnswer>;

const IF_MATCH = { name: 'If-Match', required: false, description: 'The version the editor saw, as in the ETag; a stale one answers 409.' };

/** Communication templates (ADR 0024): per-language texts with variables, and their preview. */
@ApiTags('communications')
@ApiBearerAuth()
@Permits('communications.templates')
@Problems(400, 401, 403, 503)
@UseInterceptors(CommunicationTemplateProblemsInterceptor)
@Controller('communication-templates')
export class CommunicationTemplatesController {
  constructor(@Inject(CommunicationTemplates) private readonly templates: CommunicationTemplates) {}

  @Get()
  @Operation('listCommunicationTemplates', 'Every communication template, by type and name.')
  @Responds(200, communicationTemplateListAnswer, 'The templates.')
  async list(): Promise<{ items: TemplateAnswer[] }> {
    return { items: (await this.templates.list()).map(answerOf) };
  }

  @Get(':id')
  @Operation('getCommunicationTemplate', 'One communication template; the ETag is its version.')
  @Responds(200, communicationTemplateAnswer, 'The template.')
  @Problems(404)
  async get(@ZodParam('id', templateId) id: string, @Res({ passthrough: true }) res: Response): Promise<TemplateAnswer> {
    return answer(await this.templates.get(id), res);
  }

  @Post()
  @HttpCode(201)
  @Operation('createCommunicationTemplate', 'Add a template: plain text in Russian and/or English with {{variable}} placeholders.')
  @Responds(201, communicationTemplateAnswer, 'Created; the ETag is its version.')
  @Problems(409, 413)
  async create(
    @CurrentPrincipal() principal: Principal,
    @ZodBody(createTemplateBody) input: z.output<typeof createTemplateBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TemplateAnswer> {
    const { id, ...draft } = input;
    const stored = await this.templates.create(id ?? randomUUID(), draftOf(draft), principal.userId);
    res.setHeader('Location', `/communication-templates/${stored.id}`);
    return answer(stored, res);
  }

  @Put(':id')
  @ApiHeader(IF_MATCH)
  @Operation('updateCommunicationTemplate', 'Change a template (name, type, bodies).')
  @Responds(200, communicationTemplateAnswer, 'The template as changed; the ETag is its new version.')
  @Problems(404, 409, 413)
  async update(
    @CurrentPrincipal() principal: Principal,
    @ZodParam('id', templateId) id: string,
    @Headers() headers: HeaderBag,
    @ZodBody(updateTemplateBody) input: z.output<typeof updateTemplateBody>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TemplateAnswer> {
    return answer(await this.templates.update(id, draftOf(input), expectedRevisionFrom(headers), principal.userId), res);
  }

  @Post(':id/preview')
  @HttpCode(200)
  @Operation('previewCommunicationTemplate', 'The text a client in `language` would get with these values; 422 names a missing or unknown variable.')
  @Responds(200, templatePreviewAnswer, 'The rendered text.')
  @Problems(404, 422)
  preview(@ZodParam('id', templateId) id: string, @ZodBody(previewTemplateBody) input: z.output<typeof previewTemplateBody>) {
    return this.templates.preview(id, input.language, input.variables);
  }
}

function draftOf(input: z.output<typeof updateTemplateBody>): CommunicationTemplateDraft {
  const bodies = Object.fromEntries(
    templateLanguages.flatMap((language) => (input.bodies[language] !== undefined ? [[language, input.bodies[language]]] : [])),
  );
  return { name: input.name, communicationType: input.communicationType, bodies };
}

function answerOf(template: StoredCommunicationTemplate): TemplateAnswer {
  const variables = new Set(templateLanguages.flatMap((language) => templateVariables(template.bodies[language] ?? '')));
  return {
    id: template.id,
    name: template.name,
    communicationType: template.communicationType,
    bodies: { ...template.bodies },
    variables: [...variables],
    version: template.version,
    updatedBy: template.updatedBy,
    updatedAt: template.updatedAt.toISOString(),
  };
}

function answer(template: StoredCommunicationTemplate, res: Response): TemplateAnswer {
  res.setHeader('ETag', `"${template.version}"`);
  return answerOf(template);
}
