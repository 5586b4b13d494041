import { Alert, Button, Checkbox, Group, Paper, Radio, Rating, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePortalRating, useRatePortalRequest } from '../../api/portal';
import type { PortalRating, PortalRatingAnswer } from '../../api/portal';
import { describeProblem } from '../../api/problem';

type Survey = NonNullable<PortalRating['survey']>;
type Question = Survey['questions'][number];
type Answer = PortalRatingAnswer['answer'];

const NPS_VALUES = Array.from({ length: 11 }, (_, i) => String(i));

/** Whether the question has an answer worth sending (an empty comment is no answer). */
const given = (answer: Answer | undefined): answer is Answer =>
  answer !== undefined && (answer.kind !== 'text' || answer.text.trim() !== '') && (answer.kind !== 'multiple' || answer.optionIds.length > 0);

/**
 * "Rate" on a closed request of the portal (ADR 0030 addendum): the questions of the CSAT survey
 * its closure sent — stars for a rating, a comment where the questionnaire has one — answered
 * here or already by SMS, Telegram or the email's link (one response, whichever came first).
 */
export function PortalRatingBlock({ requestId }: { requestId: string }) {
  const { t, i18n } = useTranslation();
  const rating = usePortalRating(requestId, true);
  const rate = useRatePortalRequest(requestId);
  const [draft, setDraft] = useState<Record<string, Answer>>({});
  const language = i18n.language.startsWith('ru') ? 'ru' : 'en';
  const data = rating.data;
  if (!data) return null;
  if (!data.available || !data.survey) {
    return (
      <Text size="sm" c="dimmed" data-testid="rating-unavailable">
        {data.reason === 'pending' ? t('portal.rating.pending') : data.reason === 'csat-off' ? t('portal.rating.off') : t('portal.rating.notClosed')}
      </Text>
    );
  }
  const survey = data.survey;
  const recorded = survey.answers as Record<string, Answer | undefined>;
  const answerOf = (q: Question): Answer | undefined => draft[q.id] ?? recorded[q.id];
  const set = (q: Question, answer: Answer) => setDraft((d) => ({ ...d, [q.id]: answer }));
  const missing = survey.questions.some((q) => q.required && !given(answerOf(q)));
  const send = () => {
    const answers = survey.questions.flatMap((q) => {
      const answer = answerOf(q);
      return given(answer) ? [{ questionId: q.id, answer: answer.kind === 'text' ? { kind: 'text' as const, text: answer.text.trim() } : answer }] : [];
    });
    rate.mutate(answers);
  };

  if (survey.completed) {
    return (
      <Paper withBorder p="sm" data-testid="rating-done">
        <Title order={3} size="h5" mb={4}>
          {t('portal.rating.thanks')}
        </Title>
        {survey.questions.map((q) => {
          const answer = recorded[q.id];
          if (!answer) return null;
          return (
            <Stack key={q.id} gap={2} mb={4}>
              <Text size="xs" c="dimmed">
                {q.text[language]}
              </Text>
              {answer.kind === 'rating' ? (
                <Group gap="xs">
                  <Rating value={answer.value} readOnly aria-hidden />
                  <Text size="sm">{t('portal.rating.stars', { count: answer.value })}</Text>
                </Group>
              ) : (
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {answer.kind === 'nps'
                    ? String(answer.value)
                    : answer.kind === 'text'
                      ? answer.text
                      : answer.kind === 'single'
                        ? (q.options?.find((o) => o.id === answer.optionId)?.text[language] ?? answer.optionId)
                        : answer.optionIds.map((id) => q.options?.find((o) => o.id === id)?.text[language] ?? id).join(', ')}
                </Text>
              )}
            </Stack>
          );
        })}
      </Paper>
    );
  }

  return (
    <Paper withBorder p="sm" component="form" onSubmit={(e) => (e.preventDefault(), send())} aria-labelledby={`rate-${requestId}`} data-testid="rating-form">
      <Stack gap="sm">
        <Title order={3} size="h5" id={`rate-${requestId}`}>
          {t('portal.request.rate')}
        </Title>
        {survey.questions.map((q) => {
          const answer = answerOf(q);
          const label = q.required ? q.text[language] : `${q.text[language]} (${t('portal.rating.optional')})`;
          switch (q.kind) {
            case 'rating':
              return (
                // Enter on a star picks it (Mantine's handler); it must not also send the form: a rating is final once sent.
                <Stack key={q.id} gap={4} role="group" aria-label={q.text[language]} onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}>
                  <Text size="sm">{label}</Text>
                  <Rating
                    size="xl"
                    value={answer?.kind === 'rating' ? answer.value : 0}
                    onChange={(value) => set(q, { kind: 'rating', value })}
                    getSymbolLabel={(value) => t('portal.rating.stars', { count: value })}
                    data-testid={`rating-${q.id}`}
                  />
                </Stack>
              );
            case 'nps':
            case 'single':
              return (
                <Radio.Group
                  key={q.id}
                  label={label}
                  value={answer?.kind === 'nps' ? String(answer.value) : answer?.kind === 'single' ? answer.optionId : null}
                  onChange={(value) => set(q, q.kind === 'nps' ? { kind: 'nps', value: Number(value) } : { kind: 'single', optionId: value })}
                >
                  <Group gap="xs" mt={4}>
                    {(q.kind === 'nps'
                      ? NPS_VALUES.map((v) => ({ id: v, label: v }))
                      : (q.options ?? []).map((o) => ({ id: o.id, label: o.text[language] }))
                    ).map((o) => (
                      <Radio key={o.id} value={o.id} label={o.label} />
                    ))}
                  </Group>
                </Radio.Group>
              );
            case 'multiple':
              return (
                <Checkbox.Group
                  key={q.id}
                  label={label}
                  value={answer?.kind === 'multiple' ? [...answer.optionIds] : []}
                  onChange={(optionIds) => set(q, { kind: 'multiple', optionIds })}
                >
                  <Stack gap={4} mt={4}>
                    {(q.options ?? []).map((o) => (
                      <Checkbox key={o.id} value={o.id} label={o.text[language]} />
                    ))}
                  </Stack>
                </Checkbox.Group>
              );
            case 'text':
              return (
                <Textarea
                  key={q.id}
                  label={label}
                  value={answer?.kind === 'text' ? answer.text : ''}
                  onChange={(e) => set(q, { kind: 'text', text: e.currentTarget.value })}
                  autosize
                  minRows={2}
                  maxLength={2000}
                  data-testid={`rating-${q.id}`}
                />
              );
            default:
              return null;
          }
        })}
        {rate.isError && (
          <Alert color="red" role="alert" title={describeProblem(rate.error, t).title}>
            {describeProblem(rate.error, t).message}
          </Alert>
        )}
        <Button type="submit" loading={rate.isPending} disabled={missing}>
          {t('portal.rating.send')}
        </Button>
      </Stack>
    </Paper>
  );
}
