import { Alert, Anchor, Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuestionnaires, useSendSurvey } from '../api/surveys';
import { isApiError } from '../api/problem';
import { useAuth } from '../auth/auth-provider';
import { ProblemAlert } from './problem-alert';

/**
 * Send a survey to a client, or to a request's client about that request (POST /surveys): an
 * active questionnaire and, for a client, the department it goes from; the API decides whether the operator may send it (403 said in words). On success, a link to
 * the survey communication.
 */
export function SendSurveyDialog({ opened, onClose, clientId, requestId }: { opened: boolean; onClose: () => void; clientId?: string; requestId?: string }) {
  const { t, i18n } = useTranslation();
  const { principal } = useAuth();
  const departments = principal?.departments ?? [];
  const questionnaires = useQuestionnaires(opened);
  const send = useSendSurvey();
  const [questionnaireId, setQuestionnaireId] = useState<string | null>(null);
  const [department, setDepartment] = useState(departments[0] ?? '');
  const language = i18n.language.startsWith('en') ? 'en' : 'ru';
  const active = (questionnaires.data ?? []).filter((q) => q.status === 'active');
  const errors = isApiError(send.error) ? send.error.fieldErrors() : {};
  const close = () => {
    send.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={t('surveys.send.title')}>
      {send.data ? (
        <Stack>
          <Alert color="teal" role="status" data-testid="survey-sent">
            {t('surveys.send.done')}{' '}
            <Anchor component={Link} to={`/communications/${send.data.communicationId}`}>
              {t('surveys.send.openCommunication')}
            </Anchor>
          </Alert>
          <Group justify="flex-end">
            <Button onClick={close} data-testid="survey-sent-close">
              {t('common.closeDialog')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (questionnaireId && (requestId || department))
              send.mutate({ questionnaireId, ...(requestId ? { requestId } : { clientId: clientId ?? '', department }) });
          }}
        >
          <Stack>
            <Select
              label={t('surveys.send.questionnaire')}
              data={active.map((q) => ({ value: q.id, label: `${q.name} — ${q.title[language]}` }))}
              value={questionnaireId}
              onChange={setQuestionnaireId}
              error={errors.questionnaireId}
              required
              data-testid="survey-questionnaire"
            />
            {requestId ? null : departments.length > 0 ? (
              <Select
                label={t('communications.department')}
                data={departments}
                value={department}
                onChange={(v) => setDepartment(v ?? '')}
                allowDeselect={false}
                error={errors.department}
              />
            ) : (
              <TextInput
                label={t('communications.department')}
                value={department}
                onChange={(e) => setDepartment(e.currentTarget.value.trim())}
                error={errors.department}
                required
                data-testid="survey-department"
              />
            )}
            {Object.keys(errors).length === 0 && <ProblemAlert error={send.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={send.isPending} disabled={!questionnaireId || (!requestId && !department)} data-testid="survey-send">
                {t('surveys.send.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
