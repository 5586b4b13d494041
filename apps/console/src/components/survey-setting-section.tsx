import { Alert, Button, Group, Select, Stack, Switch, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/problem';
import { useQuestionnaires, useSaveSurveySetting, useSurveySetting } from '../api/surveys';
import type { SurveySetting } from '../api/surveys';
import { notifyDone } from './notify';
import { ProblemAlert } from './problem-alert';
import { QueryState } from './query-state';

/** A department's CSAT survey after a request closes: on or off and its questionnaire, saved with If-Match (ADR 0027). */
export function SurveySettingSection({ department }: { department: string }) {
  const { t } = useTranslation();
  const setting = useSurveySetting(department);
  return (
    <Stack gap="xs" mt="md" component="section" aria-labelledby="survey-setting-title" data-testid="survey-setting">
      <Title order={4} size="h5" id="survey-setting-title">
        {t('surveys.setting.title')}
      </Title>
      <QueryState isLoading={setting.isLoading} error={setting.error} retry={() => void setting.refetch()}>
        {setting.data && <SurveySettingForm key={setting.data.version} setting={setting.data} department={department} reload={() => void setting.refetch()} />}
      </QueryState>
    </Stack>
  );
}

function SurveySettingForm({ setting, department, reload }: { setting: SurveySetting; department: string; reload: () => void }) {
  const { t, i18n } = useTranslation();
  const questionnaires = useQuestionnaires();
  const save = useSaveSurveySetting(department);
  const [csatEnabled, setCsatEnabled] = useState(setting.csatEnabled);
  const [questionnaireId, setQuestionnaireId] = useState(setting.questionnaireId || 'csat');
  const language = i18n.language.startsWith('en') ? 'en' : 'ru';
  const stale = isApiError(save.error) && save.error.status === 409;
  const options = (questionnaires.data ?? [])
    .filter((q) => q.status === 'active' || q.id === questionnaireId)
    .map((q) => ({ value: q.id, label: `${q.name} — ${q.title[language]}` }));
  return (
    <Stack gap="xs">
      <Switch
        label={t('surveys.setting.csatEnabled')}
        checked={csatEnabled}
        onChange={(e) => setCsatEnabled(e.currentTarget.checked)}
        data-testid="survey-setting-enabled"
      />
      <Select
        label={t('surveys.setting.questionnaire')}
        data={options.length > 0 ? options : [{ value: questionnaireId, label: questionnaireId }]}
        value={questionnaireId}
        onChange={(v) => setQuestionnaireId(v ?? questionnaireId)}
        allowDeselect={false}
        w={360}
      />
      {setting.updatedBy && (
        <Text size="xs" c="dimmed">
          {t('surveys.setting.changedBy', { by: setting.updatedBy })}
        </Text>
      )}
      {stale ? (
        <Alert color="red" title={t('conflict.title')} role="alert">
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm">{t('surveys.setting.conflict')}</Text>
            <Button size="xs" onClick={reload}>
              {t('conflict.reload')}
            </Button>
          </Group>
        </Alert>
      ) : (
        <ProblemAlert error={save.error} />
      )}
      <Button
        w="fit-content"
        loading={save.isPending}
        onClick={() => save.mutate({ csatEnabled, questionnaireId, version: setting.version }, { onSuccess: () => notifyDone(t, 'saveCommunicationSettings') })}
        data-testid="survey-setting-save"
      >
        {t('common.save')}
      </Button>
    </Stack>
  );
}
