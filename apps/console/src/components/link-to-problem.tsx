import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProblemCommand, useProblems } from '../api/problems';
import { notifyDone } from './notify';
import { ProblemAlert } from './problem-alert';

/** The queue's bulk action for managers: link the selected requests to an open problem (closing it will close them). */
export function LinkToProblem({ requestIds, onLinked }: { requestIds: readonly string[]; onLinked: () => void }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [problemId, setProblemId] = useState<string | null>(null);
  const problems = useProblems({ state: ['OPEN', 'RESOLVED'] }, opened);
  const command = useProblemCommand(() => {
    notifyDone(t, 'link-to-problem');
    setOpened(false);
    onLinked();
  });
  return (
    <>
      <Button
        variant="light"
        disabled={requestIds.length === 0}
        onClick={() => {
          command.reset();
          setOpened(true);
        }}
        data-testid="link-to-problem"
      >
        {t('problems.linkSelected', { n: requestIds.length })}
      </Button>
      {opened && (
        <Modal opened onClose={() => setOpened(false)} title={t('problems.linkTitle')} closeButtonProps={{ 'aria-label': t('common.closeDialog') }}>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (problemId) command.mutate({ action: 'link-requests', problemId, ids: requestIds });
            }}
          >
            <Stack>
              <Text size="sm">{t('problems.linkIntro', { n: requestIds.length })}</Text>
              <Select
                label={t('problems.problem')}
                required
                searchable
                nothingFoundMessage={t('problems.noOpen')}
                data={(problems.data ?? []).map((p) => ({ value: p.id, label: `${p.title} (${p.serviceCode})` }))}
                value={problemId}
                onChange={setProblemId}
              />
              <ProblemAlert error={command.error} />
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setOpened(false)}>
                  {t('common.cancel')}
                </Button>
                <Button type="submit" loading={command.isPending} disabled={!problemId} data-testid="confirm-link-to-problem">
                  {t('problems.link')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Modal>
      )}
    </>
  );
}
