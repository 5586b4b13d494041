import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { describeProblem } from '../api/problem';

/** A failed command in words, next to the form that sent it. */
export function ProblemAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const { title, message } = describeProblem(error, t);
  return (
    <Alert color="red" title={title} role="alert">
      {message}
    </Alert>
  );
}
