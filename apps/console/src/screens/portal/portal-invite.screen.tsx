import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useAcceptInvitation } from '../../api/portal';
import { describeProblem } from '../../api/problem';

/**
 * The invitation link's page (`/console/portal/invite/<token>`): the resident signed in (or
 * registered, on Keycloak's page) on the way here, and links this account to themself.
 */
export default function PortalInviteScreen() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const accept = useAcceptInvitation();
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={2} size="h4">
          {t('portal.invite.title')}
        </Title>
        <Text size="sm">{t('portal.invite.intro')}</Text>
        {accept.isSuccess ? (
          <Alert color="teal" role="status" title={t('portal.invite.linked')}>
            <Button component={Link} to="/portal" mt="xs" size="sm">
              {t('portal.invite.open')}
            </Button>
          </Alert>
        ) : (
          <Button onClick={() => accept.mutate(token)} loading={accept.isPending}>
            {t('portal.invite.accept')}
          </Button>
        )}
        {accept.isError && (
          <Alert color="red" role="alert" title={describeProblem(accept.error, t).title}>
            {describeProblem(accept.error, t).message}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
