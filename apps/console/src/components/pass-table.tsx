import { Anchor, Badge, Button, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { QueuedVisitStep } from '../api/desk-queue';
import type { DeskPass } from '../api/security-desk';
import { useFormat } from '../i18n/format';

interface PassTableProps {
  readonly passes: readonly DeskPass[];
  readonly caption: string;
  /** Steps waiting in the outbox, by pass. */
  readonly queued: readonly QueuedVisitStep[];
  readonly onStep?: (pass: DeskPass, action: QueuedVisitStep['action']) => void;
  readonly onRevoke?: (pass: DeskPass) => void;
}

/** Passes as the desk shows them: who, which unit, the window, whether they are inside (overstays in red), one tap to check in or out. */
export function PassTable({ passes, caption, queued, onStep, onRevoke }: PassTableProps) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="sm" data-testid="pass-table">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('desk.visitor')}</Table.Th>
            <Table.Th scope="col">{t('desk.unit')}</Table.Th>
            <Table.Th scope="col">{t('desk.window')}</Table.Th>
            <Table.Th scope="col">{t('desk.state')}</Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>{t('desk.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {passes.map((pass) => {
            const waiting = queued.find((q) => q.passId === pass.id);
            return (
              <Table.Tr key={pass.id} data-testid="desk-pass" data-pass-id={pass.id} data-overstay={pass.overstay} bg={pass.overstay ? 'red.1' : undefined}>
                <Table.Td>
                  <Stack gap={2}>
                    {pass.visitorName && <Text fw={600}>{pass.visitorName}</Text>}
                    {pass.plate && (
                      <Badge variant="outline" color="dark" size="lg" radius="sm">
                        {pass.plate}
                      </Badge>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/units/${pass.unitId}`}>
                    {pass.unitLabel}
                  </Anchor>
                  <Text size="sm" c="dimmed">
                    {t(`desk.kind.${pass.kind}`)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {f.dateTime(pass.validFrom)} – {f.dateTime(pass.validUntil)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <PassState pass={pass} waiting={waiting} />
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    {waiting ? (
                      <Button size="lg" disabled>
                        {t('desk.queued')}
                      </Button>
                    ) : (
                      <>
                        {onStep && pass.allowedActions.includes('check-in') && (
                          <Button size="lg" color="teal" onClick={() => onStep(pass, 'check-in')} data-testid="check-in">
                            {t('desk.checkIn')}
                          </Button>
                        )}
                        {onStep && pass.allowedActions.includes('check-out') && (
                          <Button size="lg" variant="outline" onClick={() => onStep(pass, 'check-out')} data-testid="check-out">
                            {t('desk.checkOut')}
                          </Button>
                        )}
                      </>
                    )}
                    {onRevoke && pass.allowedActions.includes('revoke') && (
                      <Button variant="subtle" color="red" onClick={() => onRevoke(pass)} data-testid="revoke">
                        {t('desk.revoke')}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function PassState({ pass, waiting }: { pass: DeskPass; waiting?: QueuedVisitStep }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (waiting) return <Badge color="violet">{t(`desk.waiting.${waiting.action}`)}</Badge>;
  if (pass.overstay)
    return (
      <Badge color="red" data-testid="overstay">
        {t('desk.overstay')}
      </Badge>
    );
  if (pass.insideSince)
    return (
      <Badge color="teal" data-testid="inside">
        {t('desk.insideSince', { time: f.dateTime(pass.insideSince) })}
      </Badge>
    );
  if (pass.refusal) return <Badge color="gray">{t(`desk.refusal.${pass.refusal}`)}</Badge>;
  return <Badge color="blue">{t('desk.expectedBadge')}</Badge>;
}
