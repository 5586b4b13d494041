import { Badge, Group } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Sla, SlaTarget } from '../api/models';
import { useFormat } from '../i18n/format';

type SlaState = 'ok' | 'warning' | 'breached' | 'met' | 'paused';

// Filled with white text, like the other badges (the words carry the meaning); each shade passes WCAG AA
// with white: green and orange at the theme's shade do not, so teal, and a dark amber for "at risk".
const colors: Record<SlaState, string> = { ok: 'teal', warning: '#a64d00', breached: 'red', met: 'gray', paused: 'violet' };

/** Re-renders every `ms`: a badge turns from ok to warning to breached as time passes, without a refetch. */
function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/** A target's badge at `now`, by the API's rules (the clock's due and warning times; stopped: met or missed). */
export function slaTargetState(target: SlaTarget, now: number): SlaState {
  if (target.status === 'met') return 'met';
  if (target.status === 'missed') return 'breached';
  if (target.dueAt && now >= Date.parse(target.dueAt)) return 'breached';
  if (target.warnAt && now >= Date.parse(target.warnAt)) return 'warning';
  return target.status === 'paused' ? 'paused' : 'ok';
}

const rank: Record<SlaState, number> = { met: 0, paused: 1, ok: 2, warning: 3, breached: 4 };

/** The live SLA of a request or incident: ok / warning / breached with the time left to the next due time; nothing without a policy. */
export function SlaBadge({ sla, detailed = false }: { sla: Sla | null | undefined; detailed?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const now = useNow(15_000);
  if (!sla) return null;
  const targets = (['firstResponse', 'resolution'] as const).flatMap((name) => (sla[name] ? [{ name, target: sla[name] as SlaTarget }] : []));
  if (targets.length === 0) return null;
  const badge = (state: SlaState, target: SlaTarget | undefined, label?: string) => {
    const left = target?.dueAt && state !== 'met' && state !== 'breached' ? Date.parse(target.dueAt) - now : undefined;
    // Whole minutes, rounded up: "1 min left" until the due time, never "0 min".
    const text =
      left !== undefined && left > 0 ? t(`sla.state.${state}Left`, { left: f.duration(Math.ceil(left / 60_000) * 60_000) }) : t(`sla.state.${state}`);
    return (
      <Badge color={colors[state]} variant="filled" data-sla={state} title={target?.dueAt ? t('sla.dueAt', { at: f.dateTime(target.dueAt) }) : undefined}>
        {label ? `${label}: ${text}` : text}
      </Badge>
    );
  };
  if (detailed) {
    return (
      <Group gap={4} data-testid="sla-badges">
        {targets.map(({ name, target }) => (
          <span key={name}>{badge(slaTargetState(target, now), target, t(`sla.target.${name}`))}</span>
        ))}
      </Group>
    );
  }
  // The list shows the worse target; its time left is to its own due time.
  const worst = targets.map(({ target }) => ({ target, state: slaTargetState(target, now) })).reduce((a, b) => (rank[b.state] > rank[a.state] ? b : a));
  const state = sla.breached && worst.state !== 'met' ? 'breached' : worst.state;
  return badge(state, worst.target);
}
