import { Anchor, Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useRequestSurveyResponses } from '../api/surveys';
import type { SurveyResponse } from '../api/surveys';

type Question = SurveyResponse['questions'][number];
type Language = 'ru' | 'en';

/** An answer as recorded (`{kind, value | optionId | optionIds | text}`) in words: "4", the option's text, the text. */
export function answerText(question: Question, answer: unknown, language: Language): string | undefined {
  if (!answer || typeof answer !== 'object') return undefined;
  const a = answer as { value?: number; optionId?: string; optionIds?: string[]; text?: string };
  const option = (id: string) => question.options?.find((o) => o.id === id)?.text[language] ?? id;
  if (a.value !== undefined) return String(a.value);
  if (a.optionId !== undefined) return option(a.optionId);
  if (a.optionIds !== undefined) return a.optionIds.map(option).join(', ');
  return a.text;
}

/** The surveys about this request (the CSAT after closure among them) and what the client answered; nothing when never surveyed. */
export function RequestSurveyResponses({ requestId, enabled }: { requestId: string; enabled: boolean }) {
  const { t, i18n } = useTranslation();
  const responses = useRequestSurveyResponses(requestId, enabled);
  const language: Language = i18n.language.startsWith('en') ? 'en' : 'ru';
  const items = responses.data ?? [];
  if (items.length === 0) return null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="request-surveys-title" data-testid="request-surveys">
      <Title order={3} size="h4" id="request-surveys-title" mb="sm">
        {t('surveys.request.title')}
      </Title>
      <Stack gap="md">
        {items.map((response) => (
          <Stack key={response.communicationId} gap={4}>
            <Group justify="space-between">
              <Anchor component={Link} to={`/communications/${response.communicationId}`} size="sm">
                {response.questionnaireId}
              </Anchor>
              <Badge color={response.completed ? 'teal' : 'gray'} variant="filled">
                {response.completed ? t('surveys.request.completed') : t('surveys.request.waiting')}
              </Badge>
            </Group>
            <Table fz="sm" variant="vertical" layout="fixed">
              <Table.Tbody>
                {response.questions.map((question) => (
                  <Table.Tr key={question.id}>
                    <Table.Th w="60%">{question.text[language]}</Table.Th>
                    <Table.Td data-testid="request-survey-answer">
                      {answerText(question, response.answers[question.id], language) ?? (
                        <Text span c="dimmed" size="sm">
                          {t('surveys.request.noAnswer')}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        ))}
      </Stack>
    </Paper>
  );
}
