import { Button, CloseButton, FileButton, Group, Image, Paper, Stack, Text } from '@mantine/core';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** What the portal accepts (the API checks again): photos and PDFs, 10 MiB each, five at most. */
export const ACCEPTED_FILES = 'image/jpeg,image/png,image/webp,image/heic,application/pdf';
const MAX_BYTES = 10 * 1024 * 1024;
const MAX_FILES = 5;

/** Chooses photos (the phone's camera or gallery) and shows them before sending; too large or too many are refused here already. */
export function PhotoPicker({ files, onChange, onRefused }: { files: File[]; onChange: (files: File[]) => void; onRefused: (message: string) => void }) {
  const { t } = useTranslation();
  const previews = useMemo(() => files.map((file) => ({ file, url: file.type.startsWith('image/') ? URL.createObjectURL(file) : undefined })), [files]);
  useEffect(() => () => previews.forEach((p) => p.url && URL.revokeObjectURL(p.url)), [previews]);
  const add = (chosen: File[]) => {
    const fitting = chosen.filter((file) => file.size <= MAX_BYTES);
    if (fitting.length < chosen.length) onRefused(t('portal.photos.tooLarge'));
    const next = [...files, ...fitting].slice(0, MAX_FILES);
    if (files.length + fitting.length > MAX_FILES) onRefused(t('portal.photos.tooMany', { count: MAX_FILES }));
    onChange(next);
  };
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <FileButton onChange={add} accept={ACCEPTED_FILES} multiple>
          {(props) => (
            <Button {...props} variant="outline" size="sm" disabled={files.length >= MAX_FILES}>
              {t('portal.photos.add')}
            </Button>
          )}
        </FileButton>
        <Text size="xs" c="dimmed">
          {t('portal.photos.hint')}
        </Text>
      </Group>
      {previews.length > 0 && (
        <Group gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('portal.photos.chosen')}>
          {previews.map(({ file, url }, i) => (
            <li key={`${file.name}-${i}`}>
              <Paper withBorder p={4} pos="relative">
                {url ? (
                  <Image src={url} alt={file.name} w={88} h={66} fit="cover" radius="sm" data-testid="photo-preview" />
                ) : (
                  <Text size="xs" w={88}>
                    {file.name}
                  </Text>
                )}
                <CloseButton
                  size="sm"
                  pos="absolute"
                  top={2}
                  right={2}
                  aria-label={t('portal.photos.remove', { name: file.name })}
                  onClick={() => onChange(files.filter((_, j) => j !== i))}
                />
              </Paper>
            </li>
          ))}
        </Group>
      )}
    </Stack>
  );
}
