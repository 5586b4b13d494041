import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useClaimByEmail } from '../../api/portal';
import { describeProblem } from '../../api/problem';

/** An account not linked to a client yet: open the invitation, or (self-registered) claim by the verified email. */
export function NotLinked() {
  const { t } = useTranslation();
  const claim = useClaimByEmail();
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={2} size="h4">
          {t('portal.notLinked.title')}
        </Title>
        <Text size="sm">{t('portal.notLinked.invitation')}</Text>
        <Text size="sm">{t('portal.notLinked.email')}</Text>
        <Button onClick={() => claim.mutate()} loading={claim.isPending}>
          {t('portal.notLinked.claim')}
        </Button>
        {claim.isError && (
          <Alert color="red" role="alert" title={describeProblem(claim.error, t).title}>
            {describeProblem(claim.error, t).message}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
