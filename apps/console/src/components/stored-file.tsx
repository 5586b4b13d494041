import { Anchor, Image, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { storedFileId, useStoredFileUrl } from '../api/portal';

/** An attachment: a stored photo as a thumbnail (a link to the full image), a stored document as a link, anything else by name. */
export function StoredFile({ attachment }: { attachment: { kind: string; fileId: string; name?: string } }) {
  const { t } = useTranslation();
  const id = storedFileId(attachment.fileId);
  const { url, failed } = useStoredFileUrl(id);
  const label = attachment.name ?? t(`attachment.${attachment.kind}`, { defaultValue: attachment.kind });
  if (!id || failed) {
    return (
      <Text size="xs">
        {t(`attachment.${attachment.kind}`, { defaultValue: attachment.kind })}: {attachment.name ?? attachment.fileId}
      </Text>
    );
  }
  if (!url) return <Text size="xs">{label}</Text>;
  if (attachment.kind !== 'photo') {
    return (
      <Anchor href={url} download={attachment.name} size="xs">
        {label}
      </Anchor>
    );
  }
  return (
    <Anchor href={url} target="_blank" rel="noreferrer" aria-label={t('portal.openPhoto', { name: label })}>
      <Image src={url} alt={label} w={120} h={90} fit="cover" radius="sm" data-testid="attachment-photo" />
    </Anchor>
  );
}
