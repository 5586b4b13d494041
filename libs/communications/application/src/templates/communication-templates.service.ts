import { Inject, Injectable } from '@nestjs/common';
import { renderTemplate, templateProblems } from '@switchboard/communications/domain';
import type { CommunicationTemplate, RenderedTemplate, TemplateLanguage, TemplateProblem } from '@switchboard/communications/domain';

/** A template as stored: its version moves with every change (the `If-Match` of an edit). */
export interface StoredCommunicationTemplate extends CommunicationTemplate {
  readonly version: number;
  readonly updatedBy: string;
  readonly updatedAt: Date;
}

export type CommunicationTemplateDraft = Omit<CommunicationTemplate, 'id'>;

/** Where templates live (PostgreSQL). */
export interface CommunicationTemplateStore {
  list(): Promise<StoredCommunicationTemplate[]>;
  find(id: string): Promise<StoredCommunicationTemplate | undefined>;
  /** Undefined when a template with this id exists already. */
  create(template: CommunicationTemplate, by: string, at: Date): Promise<StoredCommunicationTemplate | undefined>;
  /** Applies the change when the stored version is `expectedVersion` (any, when undefined); otherwise answers the current one unchanged. */
  update(
    template: CommunicationTemplate,
    expectedVersion: number | undefined,
    by: string,
    at: Date,
  ): Promise<{ stored?: StoredCommunicationTemplate; current?: number }>;
}

export const COMMUNICATION_TEMPLATE_STORE = Symbol('CommunicationTemplateStore');

export class CommunicationTemplateNotFoundError extends Error {
  constructor(readonly templateId: string) {
    super(`No communication template ${templateId}.`);
    this.name = 'CommunicationTemplateNotFoundError';
  }
}

export class CommunicationTemplateExistsError extends Error {
  constructor(readonly templateId: string) {
    super(`A communication template ${templateId} exists already.`);
    this.name = 'CommunicationTemplateExistsError';
  }
}

export class StaleCommunicationTemplateError extends Error {
  constructor(
    readonly templateId: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`Template ${templateId} is at version ${actual}, not ${expected}`);
    this.name = 'StaleCommunicationTemplateError';
  }
}

export class InvalidCommunicationTemplateError extends Error {
  constructor(readonly problems: readonly TemplateProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
    this.name = 'InvalidCommunicationTemplateError';
  }
}

/** Templates [Шаблоны сообщений]: administered through the API, rendered for a client's language and previewed. */
@Injectable()
export class CommunicationTemplates {
  constructor(@Inject(COMMUNICATION_TEMPLATE_STORE) private readonly store: CommunicationTemplateStore) {}

  list(): Promise<StoredCommunicationTemplate[]> {
    return this.store.list();
  }

  async get(id: string): Promise<StoredCommunicationTemplate> {
    const template = await this.store.find(id);
    if (!template) throw new CommunicationTemplateNotFoundError(id);
    return template;
  }

  async create(id: string, draft: CommunicationTemplateDraft, by: string, now = new Date()): Promise<StoredCommunicationTemplate> {
    const template = { id, ...draft };
    const problems = templateProblems(template);
    if (problems.length > 0) throw new InvalidCommunicationTemplateError(problems);
    const stored = await this.store.create(template, by, now);
    if (!stored) throw new CommunicationTemplateExistsError(id);
    return stored;
  }

  async update(
    id: string,
    draft: CommunicationTemplateDraft,
    expectedVersion: number | undefined,
    by: string,
    now = new Date(),
  ): Promise<StoredCommunicationTemplate> {
    const template = { id, ...draft };
    const problems = templateProblems(template);
    if (problems.length > 0) throw new InvalidCommunicationTemplateError(problems);
    const { stored, current } = await this.store.update(template, expectedVersion, by, now);
    if (stored) return stored;
    if (current === undefined) throw new CommunicationTemplateNotFoundError(id);
    throw new StaleCommunicationTemplateError(id, expectedVersion ?? current, current);
  }

  /** The text a client in `language` would get with these values; TemplateRenderError names a missing or unknown variable. */
  async preview(id: string, language: TemplateLanguage, variables: Readonly<Record<string, string>>): Promise<RenderedTemplate> {
    return renderTemplate(await this.get(id), language, variables);
  }
}
