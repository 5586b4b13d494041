import { Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** 403: the user may see this but not change it, or this section is not for their role. */
export function ForbiddenScreen() {
  const { t } = useTranslation();
  return (
    <Stack align="flex-start" py="xl" data-testid="forbidden">
      <Title order={2}>{t('forbidden.title')}</Title>
      <Text>{t('forbidden.message')}</Text>
      <Button component={Link} to="/" variant="light">
        {t('notFound.back')}
      </Button>
    </Stack>
  );
}
