import { Alert, Button, Center, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../components/language-switch';
import { useAuth } from './auth-provider';

/** The sign-in page: one button to the identity provider (Keycloak or the dev IdP's form). */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { principal, error, signIn } = useAuth();
  if (principal) return <>{children}</>;
  return (
    <main>
      <Center mih="100vh" p="md">
        <Paper withBorder shadow="sm" p="xl" maw={420} w="100%">
          <Stack>
            <Title order={1} size="h2">
              Switchboard
            </Title>
            <Text>{t('signIn.intro')}</Text>
            {error && (
              <Alert color="red" role="alert" title={t('signIn.failed')}>
                {error}
              </Alert>
            )}
            <Button onClick={() => void signIn()} data-testid="sign-in">
              {t('signIn.button')}
            </Button>
            <LanguageSwitch />
          </Stack>
        </Paper>
      </Center>
    </main>
  );
}
