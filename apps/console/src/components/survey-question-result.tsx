import { Group, Paper, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SurveyQuestionResult, SurveyResults } from '../api/surveys';
import { useFormat } from '../i18n/format';

const oneDecimal = (n: number) => Math.round(n * 10) / 10;

/** A headline figure: a label and a number, readable without colour. */
function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Paper withBorder p="sm" data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
    </Paper>
  );
}

/** Sent, answered, response rate, and each rating question's CSAT and average, each NPS question's NPS. */
export function SurveyHeadline({ results }: { results: SurveyResults }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const language = i18n.language.startsWith('en') ? 'en' : 'ru';
  const many = results.questions.filter((q) => q.kind === 'rating' || q.kind === 'nps').length > 1;
  const of = (q: SurveyQuestionResult) => (many ? ` · ${q.text[language]}` : '');
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} data-testid="survey-headline">
      <Figure label={t('surveys.results.sent')} value={f.number(results.sent)} testId="figure-sent" />
      <Figure label={t('surveys.results.answered')} value={f.number(results.answered)} testId="figure-answered" />
      <Figure label={t('surveys.results.responseRate')} value={`${f.number(oneDecimal(results.responseRate))} %`} testId="figure-rate" />
      {results.questions.flatMap((q) => [
        ...(q.csat !== undefined
          ? [
              <Figure
                key={`${q.questionId}-csat`}
                label={`${t('surveys.results.csat')}${of(q)}`}
                value={`${f.number(oneDecimal(q.csat))} %`}
                testId="figure-csat"
              />,
            ]
          : []),
        ...(q.kind === 'rating' && q.average !== undefined
          ? [
              <Figure
                key={`${q.questionId}-avg`}
                label={`${t('surveys.results.average')}${of(q)}`}
                value={f.number(oneDecimal(q.average))}
                testId="figure-average"
              />,
            ]
          : []),
        ...(q.nps !== undefined
          ? [<Figure key={`${q.questionId}-nps`} label={`${t('surveys.results.nps')}${of(q)}`} value={f.number(oneDecimal(q.nps))} testId="figure-nps" />]
          : []),
      ])}
    </SimpleGrid>
  );
}

/** One question's distribution: a bar per value or option, its count and share as text beside it. */
export function SurveyQuestionResultView({ question, index }: { question: SurveyQuestionResult; index: number }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const language = i18n.language.startsWith('en') ? 'en' : 'ru';
  const total = question.distribution.reduce((sum, d) => sum + d.count, 0);
  const headingId = `survey-question-${question.questionId}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId} data-testid="survey-question" data-question-id={question.questionId}>
      <Stack gap="xs">
        <Title order={3} size="h5" id={headingId}>
          {index + 1}. {question.text[language]}
        </Title>
        <Text size="sm" c="dimmed">
          {t(`surveys.kind.${question.kind}`)} · {t('surveys.results.answeredCount', { count: question.answered })}
          {question.average !== undefined && ` · ${t('surveys.results.average')} ${f.number(oneDecimal(question.average))}`}
          {question.nps !== undefined && ` · ${t('surveys.results.nps')} ${f.number(oneDecimal(question.nps))}`}
          {question.csat !== undefined && ` · ${t('surveys.results.csat')} ${f.number(oneDecimal(question.csat))} %`}
        </Text>
        {question.kind === 'text' ? (
          <Text size="sm">{t('surveys.results.freeTextBelow')}</Text>
        ) : (
          <Stack gap={4} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {question.distribution.map((d) => {
              const share = total === 0 ? 0 : Math.round((d.count / total) * 100);
              const label = d.label ? d.label[language] : d.value;
              return (
                <li key={d.value} data-testid="survey-bar" data-value={d.value}>
                  <Group gap="sm" wrap="nowrap">
                    <Text size="sm" w={160} style={{ flexShrink: 0 }}>
                      {label}
                    </Text>
                    <Progress value={share} flex={1} size="lg" aria-label={`${label}: ${d.count}`} />
                    <Text size="sm" w={90} ta="right" style={{ flexShrink: 0 }} data-testid="survey-bar-count">
                      {f.number(d.count)} ({share} %)
                    </Text>
                  </Group>
                </li>
              );
            })}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
