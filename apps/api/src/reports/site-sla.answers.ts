import { z } from 'zod';
import { answerSchema } from '@switchboard/platform';

const figures = {
  requests: z.number().int().describe('Requests registered in the range for a place (unit or building) of the site.'),
  closed: z.number().int(),
  slaMetPercent: z.number().nullable().describe('Of the closed requests with an SLA policy, the share that breached neither target, in % (null: none).'),
  breached: z.number().int().describe('Requests with a breach of either target (recorded, or missed when the clock stopped), open ones included.'),
  medianResolutionSeconds: z.number().int().nullable().describe('Median registration → closure of the closed requests (null: none closed).'),
  p95ResolutionSeconds: z.number().int().nullable().describe('95th percentile of the same.'),
};

export const slaFiguresAnswer = answerSchema('SlaFigures', z.object(figures));

const categoryAnswer = answerSchema(
  'SiteSlaCategory',
  z.object({
    category: z.string().describe('The catalogue service’s name when the request was escalated with one, else its queue department.'),
    serviceCode: z.number().int().nullable(),
    department: z.string().nullable(),
    ...figures,
  }),
);

export const siteSlaReportAnswer = answerSchema(
  'SiteSlaReport',
  z.object({
    from: z.string(),
    to: z.string(),
    totals: slaFiguresAnswer,
    sites: z.array(
      answerSchema(
        'SiteSla',
        z.object({ siteId: z.string(), siteSlug: z.string(), siteName: z.string(), totals: slaFiguresAnswer, categories: z.array(categoryAnswer) }),
      ),
    ),
  }),
);
