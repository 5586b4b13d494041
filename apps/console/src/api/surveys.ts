import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { call } from './client';
import { newIdempotencyKey } from './commands';
import type { components } from './schema';

type Schemas = components['schemas'];
export type Questionnaire = Schemas['Questionnaire'];
export type QuestionnaireQuestion = Questionnaire['questions'][number];
export type QuestionKind = QuestionnaireQuestion['kind'];
export type QuestionnaireCreateBody = Schemas['QuestionnaireCreateBody'];
export type SurveyResults = Schemas['SurveyResults'];
export type SurveyQuestionResult = SurveyResults['questions'][number];
export type SurveySetting = Schemas['SurveySetting'];
export type SurveySendBody = Schemas['SurveySendBody'];

export const questionKinds: readonly QuestionKind[] = ['rating', 'nps', 'single', 'multiple', 'text'];

export interface SurveyResultsFilter {
  readonly department?: string;
  readonly serviceCode?: number;
  readonly from?: string;
  readonly to?: string;
}

export const surveyKeys = {
  all: ['surveys'] as const,
  questionnaires: ['surveys', 'questionnaires'] as const,
  questionnaire: (id: string) => ['surveys', 'questionnaires', id] as const,
  results: (id: string, filter: SurveyResultsFilter) => ['surveys', 'results', id, filter] as const,
  freeText: (id: string, filter: SurveyResultsFilter, offset: number) => ['surveys', 'free-text', id, filter, offset] as const,
  setting: (department: string) => ['surveys', 'setting', department] as const,
};

export function useQuestionnaires(enabled = true) {
  return useQuery({
    queryKey: surveyKeys.questionnaires,
    queryFn: async ({ signal }) => (await call('GET', '/surveys/questionnaires', { signal })).data.items,
    enabled,
  });
}

export function useQuestionnaire(id: string) {
  return useQuery({
    queryKey: surveyKeys.questionnaire(id),
    queryFn: async ({ signal }) => (await call('GET', '/surveys/questionnaires/{id}', { path: { id }, signal })).data,
  });
}

/** Create (POST) or edit (PUT with the version the editor saw as If-Match: a stale edit answers 409). */
export function useSaveQuestionnaire() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, editing }: { body: QuestionnaireCreateBody; editing?: Questionnaire }) => {
      if (!editing) return (await call('POST', '/surveys/questionnaires', { body })).data;
      const { id: _, ...fields } = body;
      return (await call('PUT', '/surveys/questionnaires/{id}', { path: { id: editing.id }, body: fields, headers: { 'If-Match': `"${editing.version}"` } }))
        .data;
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: surveyKeys.all }),
  });
}

export function useSetQuestionnaireStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (q: Questionnaire) =>
      (
        await call('POST', '/surveys/questionnaires/{id}/status', {
          path: { id: q.id },
          body: { status: q.status === 'active' ? 'blocked' : 'active' },
          headers: { 'If-Match': `"${q.version}"` },
        })
      ).data,
    onSettled: () => void queryClient.invalidateQueries({ queryKey: surveyKeys.all }),
  });
}

export function useSurveyResults(id: string, filter: SurveyResultsFilter) {
  return useQuery({
    queryKey: surveyKeys.results(id, filter),
    queryFn: async ({ signal }) => (await call('GET', '/surveys/questionnaires/{id}/results', { path: { id }, query: { ...filter }, signal })).data,
  });
}

export const FREE_TEXT_PAGE = 20;

export function useSurveyFreeText(id: string, filter: SurveyResultsFilter, offset: number, enabled: boolean) {
  return useQuery({
    queryKey: surveyKeys.freeText(id, filter, offset),
    queryFn: async ({ signal }) =>
      (await call('GET', '/surveys/questionnaires/{id}/free-text', { path: { id }, query: { ...filter, limit: FREE_TEXT_PAGE, offset }, signal })).data,
    enabled,
  });
}

export function useSurveySetting(department: string) {
  return useQuery({
    queryKey: surveyKeys.setting(department),
    queryFn: async ({ signal }) => (await call('GET', '/departments/{department}/survey-setting', { path: { department }, signal })).data,
    retry: false,
  });
}

export function useSaveSurveySetting(department: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ csatEnabled, questionnaireId, version }: { csatEnabled: boolean; questionnaireId: string; version: number }) =>
      (
        await call('PUT', '/departments/{department}/survey-setting', {
          path: { department },
          body: { csatEnabled, questionnaireId },
          headers: { 'If-Match': `"${version}"` },
        })
      ).data,
    onSuccess: (data) => queryClient.setQueryData(surveyKeys.setting(department), data),
  });
}

/** Send a survey: one Idempotency-Key per body, so a retry after a lost answer sends one survey. */
export function useSendSurvey() {
  const keys = useRef(new Map<string, string>());
  return useMutation({
    mutationFn: async (body: SurveySendBody) => {
      const intent = JSON.stringify(body);
      const key = keys.current.get(intent) ?? newIdempotencyKey();
      keys.current.set(intent, key);
      const answer = await call('POST', '/surveys', { body, headers: { 'Idempotency-Key': key } });
      keys.current.delete(intent);
      return answer.data;
    },
  });
}

/** Who reads results: CommunicationsAdmin (every department) and HelpDeskManagers (theirs) — as the API decides (ADR 0027). */
export const mayReadSurveyResults = (roles: readonly string[] | undefined): boolean =>
  Boolean(roles?.some((r) => r === 'CommunicationsAdmin' || r === 'HelpDeskManager'));
/** Who writes questionnaires: CommunicationsAdmin only. */
export const mayWriteQuestionnaires = (roles: readonly string[] | undefined): boolean => Boolean(roles?.includes('CommunicationsAdmin'));

export type SurveyResponse = Schemas['SurveyResponse'];

/** The surveys about a request with their answers (CommunicationsAdmin; the request department's managers). */
export function useRequestSurveyResponses(requestId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['surveys', 'request-responses', requestId] as const,
    queryFn: async ({ signal }) => (await call('GET', '/surveys/responses', { query: { requestId }, signal })).data.items,
    enabled,
  });
}
