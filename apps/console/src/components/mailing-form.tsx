import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { buildingsQuery, sitesQuery } from '../api/estate';
import { communicationChannelCodes, useCommunicationTypes } from '../api/communications';
import type { CommunicationChannelCode } from '../api/communications';
import { useCreateMailing } from '../api/mailings';
import type { MailingBody, MailingCardData } from '../api/mailings';
import { useAuth } from '../auth/auth-provider';
import { ProblemAlert } from './problem-alert';

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]{0,63})\s*\}\}/g;
const variablesOf = (bodies: Record<string, string | undefined>): string[] => {
  const names = new Set<string>();
  for (const body of Object.values(bodies)) for (const match of (body ?? '').matchAll(PLACEHOLDER)) names.add(match[1]);
  return [...names];
};

/**
 * A new mailing [Рассылка]: who (the audience builder: department, service, tags any/all, orders),
 * what (a template, previewed with its values in Russian and English), how (type, channel), when
 * (now or at a time) and how fast (at most N a minute).
 */
export function MailingForm({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: (mailing: MailingCardData) => void }) {
  const { t } = useTranslation();
  const { principal } = useAuth();
  const departments = principal?.departments ?? [];
  const [name, setName] = useState('');
  const [department, setDepartment] = useState(departments[0] ?? '');
  const [byDepartment, setByDepartment] = useState('');
  const [serviceCode, setServiceCode] = useState<number | string>('');
  const [tags, setTags] = useState<string[]>([]);
  const [tagMatch, setTagMatch] = useState<'any' | 'all'>('any');
  const [hasOrder, setHasOrder] = useState(false);
  const [orderPrefix, setOrderPrefix] = useState('');
  const [byPlace, setByPlace] = useState(false);
  const [siteId, setSiteId] = useState<string | null>(null);
  const [buildingId, setBuildingId] = useState<string | null>(null);
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [communicationType, setCommunicationType] = useState<string | null>('mass');
  const [channel, setChannel] = useState<CommunicationChannelCode | null>(null);
  const [schedule, setSchedule] = useState<'now' | 'at'>('now');
  const [startAt, setStartAt] = useState('');
  const [perMinute, setPerMinute] = useState<number | string>(600);
  const [language, setLanguage] = useState<'ru' | 'en'>('ru');
  const types = useCommunicationTypes();
  const templates = useQuery({
    queryKey: ['communication-templates'],
    queryFn: async ({ signal }) => (await call('GET', '/communication-templates', { signal })).data,
    enabled: opened,
  });
  const template = templates.data?.items.find((x) => x.id === templateId);
  const variables = useMemo(() => (template ? variablesOf(template.bodies) : []), [template]);
  const filled = Object.fromEntries(variables.map((v) => [v, values[v] ?? '']));
  const preview = useQuery({
    queryKey: ['communication-template-preview', template?.id, template?.version, language, filled],
    queryFn: async ({ signal }) =>
      (await call('POST', '/communication-templates/{id}/preview', { path: { id: template?.id ?? '' }, body: { language, variables: filled }, signal })).data,
    enabled: Boolean(template),
  });
  const create = useCreateMailing();
  // Building-wide notices: the sites and buildings are read only when asked for.
  const sites = useQuery({ ...sitesQuery(), enabled: opened && byPlace });
  const buildings = useQuery({ ...buildingsQuery(siteId ?? ''), enabled: opened && byPlace && Boolean(siteId) });

  const audience: MailingBody['audience'] = {
    ...(byDepartment.trim() ? { department: byDepartment.trim() } : {}),
    ...(typeof serviceCode === 'number' ? { serviceCode } : {}),
    ...(tags.length > 0 ? { tags: { match: tagMatch, values: tags } } : {}),
    ...(hasOrder ? { order: orderPrefix.trim() ? { codePrefix: orderPrefix.trim() } : {} } : {}),
    ...(byPlace && buildingId ? { estate: { buildingId } } : byPlace && siteId ? { estate: { siteId } } : {}),
  };
  const audienceEmpty = Object.keys(audience).length === 0;

  const submit = () => {
    if (!templateId || !communicationType) return;
    create.mutate(
      {
        name,
        department,
        audience,
        templateId,
        ...(variables.length > 0 ? { variables: filled } : {}),
        communicationType,
        ...(channel ? { channel } : {}),
        ...(schedule === 'at' && startAt ? { startAt: new Date(startAt).toISOString() } : {}),
        perMinute: typeof perMinute === 'number' ? perMinute : Number(perMinute),
      },
      { onSuccess: (mailing) => onCreated(mailing) },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('mailings.create.title')} size="xl">
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('mailings.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required data-testid="mailing-name" />
          <Select
            label={t('mailings.department')}
            data={departments}
            value={department}
            onChange={(v) => setDepartment(v ?? '')}
            searchable
            required
            data-testid="mailing-department"
          />
        </SimpleGrid>
        <Paper withBorder p="sm" component="fieldset">
          <Text component="legend" fw={600} size="sm">
            {t('mailings.audience.title')}
          </Text>
          <Text size="xs" c="dimmed" mb="xs">
            {t('mailings.audience.hint')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('mailings.audience.department')}
              value={byDepartment}
              onChange={(e) => setByDepartment(e.currentTarget.value)}
              data-testid="mailing-audience-department"
            />
            <NumberInput label={t('mailings.audience.service')} value={serviceCode} onChange={setServiceCode} min={1} allowDecimal={false} />
            <TagsInput label={t('mailings.audience.tags')} value={tags} onChange={setTags} data-testid="mailing-audience-tags" />
            <SegmentedControl
              aria-label={t('mailings.audience.tagMatch')}
              value={tagMatch}
              onChange={(v) => setTagMatch(v as 'any' | 'all')}
              data={[
                { value: 'any', label: t('mailings.audience.any') },
                { value: 'all', label: t('mailings.audience.all') },
              ]}
            />
            <Checkbox label={t('mailings.audience.hasOrder')} checked={hasOrder} onChange={(e) => setHasOrder(e.currentTarget.checked)} />
            <TextInput
              label={t('mailings.audience.orderPrefix')}
              value={orderPrefix}
              onChange={(e) => setOrderPrefix(e.currentTarget.value)}
              disabled={!hasOrder}
            />
            <Checkbox
              label={t('mailings.audience.estate')}
              checked={byPlace}
              onChange={(e) => setByPlace(e.currentTarget.checked)}
              data-testid="mailing-audience-estate"
            />
            <Group grow>
              <Select
                label={t('estate.site')}
                data={(sites.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
                value={siteId}
                onChange={(v) => {
                  setSiteId(v);
                  setBuildingId(null);
                }}
                disabled={!byPlace}
                data-testid="mailing-audience-site"
              />
              <Select
                label={t('estate.building')}
                placeholder={t('mailings.audience.wholeSite')}
                data={(buildings.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
                value={buildingId}
                onChange={setBuildingId}
                disabled={!byPlace || !siteId}
                clearable
                data-testid="mailing-audience-building"
              />
            </Group>
          </SimpleGrid>
        </Paper>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('mailings.template')}
            data={(templates.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
            value={templateId}
            onChange={setTemplateId}
            required
            data-testid="mailing-template"
          />
          <Select
            label={t('communications.type')}
            data={(types.data ?? []).map((x) => ({ value: x.code, label: t(`communications.types.${x.code}`, { defaultValue: x.name }) }))}
            value={communicationType}
            onChange={setCommunicationType}
            required
          />
          <Select
            label={t('mailings.channel')}
            placeholder={t('mailings.channelPreferred')}
            data={communicationChannelCodes.map((c) => ({ value: c, label: t(`communications.channels.${c}`) }))}
            value={channel}
            onChange={(v) => setChannel(v as CommunicationChannelCode | null)}
            clearable
          />
        </SimpleGrid>
        {variables.length > 0 && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {variables.map((v) => (
              <TextInput key={v} label={`{{${v}}}`} value={values[v] ?? ''} onChange={(e) => setValues({ ...values, [v]: e.currentTarget.value })} />
            ))}
          </SimpleGrid>
        )}
        {template && (
          <Paper withBorder p="sm" data-testid="mailing-preview">
            <Group justify="space-between" mb="xs">
              <Text fw={600} size="sm">
                {t('mailings.preview')}
              </Text>
              <SegmentedControl size="xs" value={language} onChange={(v) => setLanguage(v as 'ru' | 'en')} data={['ru', 'en']} />
            </Group>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {preview.data?.text ?? (preview.isError ? t('mailings.previewIncomplete') : '…')}
            </Text>
          </Paper>
        )}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <SegmentedControl
            aria-label={t('mailings.schedule')}
            value={schedule}
            onChange={(v) => setSchedule(v as 'now' | 'at')}
            data={[
              { value: 'now', label: t('mailings.scheduleNow') },
              { value: 'at', label: t('mailings.scheduleAt') },
            ]}
          />
          <TextInput
            type="datetime-local"
            label={t('mailings.startAt')}
            value={startAt}
            onChange={(e) => setStartAt(e.currentTarget.value)}
            disabled={schedule === 'now'}
          />
          <NumberInput
            label={t('mailings.perMinute')}
            value={perMinute}
            onChange={setPerMinute}
            min={1}
            max={100_000}
            allowDecimal={false}
            required
            data-testid="mailing-per-minute"
          />
        </SimpleGrid>
        {audienceEmpty && <Alert color="yellow">{t('mailings.audience.empty')}</Alert>}
        {create.error && <ProblemAlert error={create.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            onClick={submit}
            loading={create.isPending}
            disabled={audienceEmpty || !templateId || !communicationType || name.trim() === '' || department === ''}
            data-testid="mailing-submit"
          >
            {t('mailings.create.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
