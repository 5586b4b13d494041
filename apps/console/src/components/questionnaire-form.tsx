import { ActionIcon, Alert, Button, Fieldset, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/problem';
import { questionKinds, useSaveQuestionnaire } from '../api/surveys';
import type { QuestionKind, Questionnaire } from '../api/surveys';
import { ProblemAlert } from './problem-alert';
import { OPTIONS_MAX, QUESTIONS_MAX, bodyOf, draftOf, draftProblems, emptyOption, emptyQuestion, hasOptions, moved } from './questionnaire-draft';
import type { QuestionDraft, QuestionnaireDraft } from './questionnaire-draft';

/**
 * Create a questionnaire (POST) or edit one (PUT, If-Match its version: every edit is a new
 * version). Checked here first with the API's own rules; what the API still refuses lands on the
 * field it names. A stale edit (409) says so and offers to reload.
 */
export function QuestionnaireForm(props: { questionnaire?: Questionnaire; onClose: () => void; onSaved: (q: Questionnaire) => void; onReload: () => void }) {
  const { t } = useTranslation();
  const creating = !props.questionnaire;
  const [draft, setDraft] = useState<QuestionnaireDraft>(() => draftOf(props.questionnaire));
  const [checked, setChecked] = useState(false);
  const save = useSaveQuestionnaire();
  const local = checked ? draftProblems(draft, creating) : {};
  const remote = isApiError(save.error) ? save.error.fieldErrors() : {};
  const errorOf = (field: string): string | undefined => (local[field] ? t(local[field]) : remote[field]);
  const stale = isApiError(save.error) && save.error.status === 409 && !creating;
  const set = (patch: Partial<QuestionnaireDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setQuestion = (i: number, patch: Partial<QuestionDraft>) =>
    setDraft((d) => ({ ...d, questions: d.questions.map((q, k) => (k === i ? { ...q, ...patch } : q)) }));
  const submit = () => {
    setChecked(true);
    if (Object.keys(draftProblems(draft, creating)).length > 0) return;
    save.mutate({ body: bodyOf(draft), ...(props.questionnaire ? { editing: props.questionnaire } : {}) }, { onSuccess: props.onSaved });
  };
  return (
    <Modal opened onClose={props.onClose} title={creating ? t('surveys.form.create') : t('surveys.form.edit')} size="xl">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        data-testid="questionnaire-form"
      >
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('surveys.form.code')}
              description={t('surveys.form.codeHint')}
              value={draft.id}
              disabled={!creating}
              required
              error={errorOf('id')}
              onChange={(e) => set({ id: e.currentTarget.value })}
              autoComplete="off"
              data-testid="questionnaire-code"
            />
            <TextInput
              label={t('surveys.name')}
              required
              value={draft.name}
              error={errorOf('name')}
              onChange={(e) => set({ name: e.currentTarget.value })}
              autoComplete="off"
              data-testid="questionnaire-name"
            />
            <TextInput
              label={t('surveys.form.titleRu')}
              required
              value={draft.titleRu}
              error={errorOf('title.ru')}
              onChange={(e) => set({ titleRu: e.currentTarget.value })}
              data-testid="questionnaire-title-ru"
            />
            <TextInput
              label={t('surveys.form.titleEn')}
              required
              value={draft.titleEn}
              error={errorOf('title.en')}
              onChange={(e) => set({ titleEn: e.currentTarget.value })}
              data-testid="questionnaire-title-en"
            />
          </SimpleGrid>
          {errorOf('questions') && (
            <Text c="red" size="sm" role="alert">
              {errorOf('questions')}
            </Text>
          )}
          {draft.questions.map((q, i) => (
            <Fieldset key={q.id} legend={t('surveys.form.question', { n: i + 1 })} data-testid="question-fieldset">
              <Stack gap="xs">
                <Group justify="space-between" align="flex-end">
                  <Select
                    label={t('surveys.form.kind')}
                    data={questionKinds.map((kind) => ({ value: kind, label: t(`surveys.kind.${kind}`) }))}
                    value={q.kind}
                    allowDeselect={false}
                    onChange={(value) => {
                      const kind = (value ?? 'rating') as QuestionKind;
                      setQuestion(i, { kind, options: hasOptions(kind) ? (q.options.length > 0 ? q.options : emptyQuestion([], kind).options) : [] });
                    }}
                    w={260}
                    data-testid={`question-kind-${i}`}
                  />
                  <Group gap={4}>
                    <ActionIcon
                      variant="default"
                      aria-label={t('surveys.form.up', { n: i + 1 })}
                      disabled={i === 0}
                      onClick={() => set({ questions: moved(draft.questions, i, -1) })}
                    >
                      ↑
                    </ActionIcon>
                    <ActionIcon
                      variant="default"
                      aria-label={t('surveys.form.down', { n: i + 1 })}
                      disabled={i === draft.questions.length - 1}
                      onClick={() => set({ questions: moved(draft.questions, i, 1) })}
                    >
                      ↓
                    </ActionIcon>
                    <Button
                      variant="subtle"
                      color="red"
                      size="xs"
                      disabled={draft.questions.length === 1}
                      onClick={() => set({ questions: draft.questions.filter((_, k) => k !== i) })}
                    >
                      {t('surveys.form.removeQuestion')}
                    </Button>
                  </Group>
                </Group>
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <TextInput
                    label={t('surveys.form.textRu')}
                    required
                    value={q.ru}
                    error={errorOf(`questions.${i}.text.ru`)}
                    onChange={(e) => setQuestion(i, { ru: e.currentTarget.value })}
                    data-testid={`question-ru-${i}`}
                  />
                  <TextInput
                    label={t('surveys.form.textEn')}
                    required
                    value={q.en}
                    error={errorOf(`questions.${i}.text.en`)}
                    onChange={(e) => setQuestion(i, { en: e.currentTarget.value })}
                    data-testid={`question-en-${i}`}
                  />
                </SimpleGrid>
                {hasOptions(q.kind) && (
                  <Stack gap={4}>
                    {q.options.map((o, j) => (
                      <Group key={o.id} gap="xs" align="flex-start" wrap="nowrap">
                        <TextInput
                          flex={1}
                          label={t('surveys.form.optionRu', { n: j + 1 })}
                          value={o.ru}
                          error={errorOf(`questions.${i}.options.${j}.text.ru`)}
                          onChange={(e) => {
                            const ru = e.currentTarget.value;
                            setQuestion(i, { options: q.options.map((x, k) => (k === j ? { ...x, ru } : x)) });
                          }}
                          data-testid={`option-ru-${i}-${j}`}
                        />
                        <TextInput
                          flex={1}
                          label={t('surveys.form.optionEn', { n: j + 1 })}
                          value={o.en}
                          error={errorOf(`questions.${i}.options.${j}.text.en`)}
                          onChange={(e) => {
                            const en = e.currentTarget.value;
                            setQuestion(i, { options: q.options.map((x, k) => (k === j ? { ...x, en } : x)) });
                          }}
                          data-testid={`option-en-${i}-${j}`}
                        />
                        <Button
                          mt={24}
                          variant="subtle"
                          color="red"
                          size="xs"
                          onClick={() => setQuestion(i, { options: q.options.filter((_, k) => k !== j) })}
                          aria-label={t('surveys.form.removeOption', { n: j + 1 })}
                        >
                          ✕
                        </Button>
                      </Group>
                    ))}
                    {errorOf(`questions.${i}.options`) && (
                      <Text c="red" size="sm" role="alert">
                        {errorOf(`questions.${i}.options`)}
                      </Text>
                    )}
                    <Button
                      variant="light"
                      size="xs"
                      w="fit-content"
                      disabled={q.options.length >= OPTIONS_MAX}
                      onClick={() => setQuestion(i, { options: [...q.options, emptyOption(q.options)] })}
                    >
                      {t('surveys.form.addOption')}
                    </Button>
                  </Stack>
                )}
              </Stack>
            </Fieldset>
          ))}
          <Button
            variant="light"
            w="fit-content"
            disabled={draft.questions.length >= QUESTIONS_MAX}
            onClick={() => set({ questions: [...draft.questions, emptyQuestion(draft.questions)] })}
            data-testid="question-add"
          >
            {t('surveys.form.addQuestion')}
          </Button>
          {stale ? (
            <Alert color="red" title={t('conflict.title')} role="alert" data-testid="questionnaire-conflict">
              <Group justify="space-between" wrap="nowrap">
                <Text size="sm">{t('surveys.form.conflict')}</Text>
                <Button size="xs" onClick={props.onReload}>
                  {t('conflict.reload')}
                </Button>
              </Group>
            </Alert>
          ) : (
            Object.keys(remote).length === 0 && <ProblemAlert error={save.error} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="questionnaire-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
