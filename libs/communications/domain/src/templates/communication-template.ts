/** The languages a template is written in; a client's language is one of them. */
export const templateLanguages = ['ru', 'en'] as const;
export type TemplateLanguage = (typeof templateLanguages)[number];

/**
 * A message template [Шаблон сообщения]: plain text per language with `{{variable}}` placeholders,
 * for one communication type. Every language's body uses the same variables, so falling back to the
 * other language never needs a value the caller did not give.
 */
export interface CommunicationTemplate {
  readonly id: string;
  readonly name: string;
  readonly communicationType: string;
  readonly bodies: { readonly [L in TemplateLanguage]?: string };
}

export interface RenderedTemplate {
  readonly text: string;
  /** The language of the body used: the client's, or the other one when the template has no body in it. */
  readonly language: TemplateLanguage;
  readonly fellBack: boolean;
}

export type TemplateProblemKind = 'missing-variable' | 'unknown-variable' | 'no-body';

/** A render the template refuses: values missing for placeholders, or values for placeholders it does not have. */
export class TemplateRenderError extends Error {
  constructor(
    readonly kind: TemplateProblemKind,
    readonly variables: readonly string[],
    readonly templateId: string,
    readonly language: TemplateLanguage,
  ) {
    super(
      kind === 'no-body'
        ? `template ${templateId} has no body in any language`
        : kind === 'missing-variable'
          ? `template ${templateId} (${language}) needs ${plural(variables)} ${variables.map((v) => `{{${v}}}`).join(', ')}: no value given`
          : `template ${templateId} (${language}) has no ${plural(variables)} ${variables.map((v) => `{{${v}}}`).join(', ')}`,
    );
    this.name = 'TemplateRenderError';
  }
}

/** One thing wrong with a template as written (checked when it is saved). */
export interface TemplateProblem {
  readonly field: string;
  readonly message: string;
}

export const TEMPLATE_BODY_MAX = 4_000;
const VARIABLE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
// `{{ name }}` with optional spaces; anything else between double braces is malformed.
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

const plural = (variables: readonly string[]): string => (variables.length === 1 ? 'variable' : 'variables');

/** The variables a body uses, in order of first use; malformed placeholders are reported by templateProblems. */
export function templateVariables(body: string): string[] {
  const names = new Set<string>();
  for (const match of body.matchAll(PLACEHOLDER)) if (VARIABLE_NAME.test(match[1])) names.add(match[1]);
  return [...names];
}

/** What is wrong with a template before it is stored: no body, empty or too long bodies, malformed placeholders, languages that disagree on variables. */
export function templateProblems(template: Pick<CommunicationTemplate, 'bodies'>): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const written = templateLanguages.filter((language) => template.bodies[language] !== undefined);
  if (written.length === 0) problems.push({ field: 'bodies', message: 'a template needs a body in at least one language (ru, en)' });
  for (const language of written) {
    const body = template.bodies[language] ?? '';
    const field = `bodies.${language}`;
    if (!body.trim()) problems.push({ field, message: 'must not be empty' });
    if (body.length > TEMPLATE_BODY_MAX) problems.push({ field, message: `must be at most ${TEMPLATE_BODY_MAX} characters` });
    for (const match of body.matchAll(PLACEHOLDER)) {
      if (!VARIABLE_NAME.test(match[1]))
        problems.push({ field, message: `${match[0]} is not a variable: use {{name}} with a letter, then letters, digits or _` });
    }
    const unbalanced = body.replace(PLACEHOLDER, '');
    if (unbalanced.includes('{{') || unbalanced.includes('}}')) problems.push({ field, message: 'has a {{ or }} that does not close a placeholder' });
  }
  if (written.length > 1) {
    const [first, ...others] = written;
    const expected = new Set(templateVariables(template.bodies[first] ?? ''));
    for (const language of others) {
      const own = new Set(templateVariables(template.bodies[language] ?? ''));
      const missing = [...expected].filter((v) => !own.has(v));
      const extra = [...own].filter((v) => !expected.has(v));
      if (missing.length > 0 || extra.length > 0) {
        problems.push({
          field: `bodies.${language}`,
          message: `must use the same variables as bodies.${first}${missing.length ? `; missing ${missing.map((v) => `{{${v}}}`).join(', ')}` : ''}${extra.length ? `; not in bodies.${first}: ${extra.map((v) => `{{${v}}}`).join(', ')}` : ''}`,
        });
      }
    }
  }
  return problems;
}

/** The body to use for a client's language: theirs, else the other language's. */
export function bodyFor(template: CommunicationTemplate, language: TemplateLanguage): { body: string; language: TemplateLanguage } | undefined {
  const own = template.bodies[language];
  if (own !== undefined) return { body: own, language };
  const other = templateLanguages.find((l) => l !== language && template.bodies[l] !== undefined);
  return other ? { body: template.bodies[other] ?? '', language: other } : undefined;
}

/**
 * Renders a template for a client: the client's language, falling back to the other one. Plain
 * text: values go in as they are (nothing is escaped, and a value's own braces are not expanded).
 * Every placeholder needs a value and every value a placeholder; otherwise TemplateRenderError names them.
 */
export function renderTemplate(template: CommunicationTemplate, language: TemplateLanguage, variables: Readonly<Record<string, string>>): RenderedTemplate {
  const chosen = bodyFor(template, language);
  if (!chosen) throw new TemplateRenderError('no-body', [], template.id, language);
  const used = templateVariables(chosen.body);
  const missing = used.filter((name) => !Object.prototype.hasOwnProperty.call(variables, name));
  if (missing.length > 0) throw new TemplateRenderError('missing-variable', missing, template.id, chosen.language);
  const unknown = Object.keys(variables).filter((name) => !used.includes(name));
  if (unknown.length > 0) throw new TemplateRenderError('unknown-variable', unknown, template.id, chosen.language);
  const text = chosen.body.replace(PLACEHOLDER, (placeholder, name: string) => (VARIABLE_NAME.test(name) ? variables[name] : placeholder));
  return { text, language: chosen.language, fellBack: chosen.language !== language };
}
