import { screen } from '@testing-library/react';
import { renderScreen } from '../../test/render';
import type { Sla } from '../api/models';
import { SlaBadge } from './sla-badge';

const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

const sla = (firstResponse: Partial<NonNullable<Sla['firstResponse']>>): Sla => ({
  policyId: 'p-1',
  policyName: 'North 24/7',
  state: 'ok',
  dueAt: null,
  warned: false,
  breached: false,
  firstResponse: { targetMinutes: 30, status: 'running', dueAt: inMinutes(20), warnAt: inMinutes(14), state: 'ok', ...firstResponse },
  resolution: { targetMinutes: 240, status: 'running', dueAt: inMinutes(200), warnAt: inMinutes(150), state: 'ok' },
});

describe('the SLA badge', () => {
  it('shows the time left to the next due time while the SLA is ok', async () => {
    await renderScreen(<SlaBadge sla={sla({})} />);
    const badge = await screen.findByText(/^20 mins? left$/);
    expect(badge.closest('[data-sla]')).toHaveAttribute('data-sla', 'ok');
  });

  it('turns to "at risk" past the warning time, without the API saying so', async () => {
    await renderScreen(<SlaBadge sla={sla({ warnAt: inMinutes(-1), dueAt: inMinutes(5) })} />);
    expect((await screen.findByText(/^5 mins? left$/)).closest('[data-sla]')).toHaveAttribute('data-sla', 'warning');
  });

  it('says breached once the due time passed, and in Russian', async () => {
    await renderScreen(<SlaBadge sla={sla({ warnAt: inMinutes(-10), dueAt: inMinutes(-1) })} />, { lng: 'ru' });
    expect((await screen.findByText('SLA нарушен')).closest('[data-sla]')).toHaveAttribute('data-sla', 'breached');
  });

  it('names each target on the card', async () => {
    await renderScreen(<SlaBadge sla={sla({ status: 'met', dueAt: null, warnAt: null })} detailed />);
    expect(await screen.findByText('First response: SLA met')).toBeInTheDocument();
    expect(await screen.findByText(/^Resolution: 3 hrs? 20 mins? left$/)).toBeInTheDocument();
  });

  it('shows nothing without a policy', async () => {
    const { container } = await renderScreen(<SlaBadge sla={null} />);
    expect(container.querySelector('[data-sla]')).toBeNull();
  });
});
