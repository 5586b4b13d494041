import { Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** 404: also what a user sees for an entity outside their scope (the API does not leak its existence). */
export function NotFoundScreen() {
  const { t } = useTranslation();
  return (
    <Stack align="flex-start" py="xl" data-testid="not-found">
      <Title order={2}>{t('notFound.title')}</Title>
      <Text>{t('notFound.message')}</Text>
      <Button component={Link} to="/" variant="light">
        {t('notFound.back')}
      </Button>
    </Stack>
  );
}
