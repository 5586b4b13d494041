import { Alert, Button, Select, Stack, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { usePortalMe, useSubmitPortalRequest } from '../../api/portal';
import { describeProblem } from '../../api/problem';
import { PhotoPicker } from '../../components/photo-picker';

/** A new request: which of my units, what happened, photos. */
export default function PortalNewRequestScreen() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = usePortalMe();
  const units = me.data?.units ?? [];
  const [unitId, setUnitId] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [refused, setRefused] = useState<string | null>(null);
  const submit = useSubmitPortalRequest();
  const unit = unitId ?? (units.length === 1 ? units[0].unitId : null);
  const send = () => {
    if (!unit || text.trim() === '') return;
    submit.mutate(
      { unitId: unit, text: text.trim(), files },
      { onSuccess: (stored) => void navigate(`/portal/requests/${stored.requestId}${stored.position ? `?minPosition=${stored.position}` : ''}`) },
    );
  };
  return (
    <Stack gap="sm" component="form" onSubmit={(e) => (e.preventDefault(), send())}>
      <Title order={2} size="h3">
        {t('portal.newRequest.title')}
      </Title>
      <Select
        label={t('portal.newRequest.unit')}
        placeholder={t('portal.newRequest.unitPlaceholder')}
        data={units.map((u) => ({ value: u.unitId, label: u.label }))}
        value={unit}
        onChange={setUnitId}
        required
        allowDeselect={false}
        disabled={me.isPending}
        data-testid="unit-picker"
      />
      <Textarea
        label={t('portal.newRequest.text')}
        description={t('portal.newRequest.textHint')}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        autosize
        minRows={4}
        maxLength={4000}
        required
        data-testid="request-text"
      />
      <PhotoPicker files={files} onChange={setFiles} onRefused={setRefused} />
      {refused && (
        <Alert color="orange" role="status" withCloseButton onClose={() => setRefused(null)} closeButtonLabel={t('common.closeDialog')}>
          {refused}
        </Alert>
      )}
      {submit.isError && (
        <Alert color="red" role="alert" title={describeProblem(submit.error, t).title}>
          {describeProblem(submit.error, t).message}
        </Alert>
      )}
      <Button type="submit" loading={submit.isPending} disabled={!unit || text.trim() === ''}>
        {t('portal.newRequest.send')}
      </Button>
    </Stack>
  );
}
