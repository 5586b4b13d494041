import { screen } from '@testing-library/react';
import { renderScreen } from '../../test/render';
import type { ConversationEntry } from '../api/models';
import { Conversation } from './conversation';

const reply = (delivery: ConversationEntry['delivery']): ConversationEntry => ({
  revision: 2,
  kind: 'reply',
  messageId: 'rep-1',
  channel: 'sms',
  text: 'A technician comes at 9',
  attachments: [],
  by: 'hd.user.north',
  byName: 'Anna Volkova',
  at: '2026-12-07T21:40:00.000Z',
  delivery,
});

describe('the conversation', () => {
  it('shows a reply held back by the client’s quiet hours as scheduled, with when it goes and why', async () => {
    await renderScreen(<Conversation entries={[reply({ state: 'scheduled', reason: 'quiet-hours', at: '2026-12-08T08:00:00.000Z' })]} />);
    const badge = await screen.findByTestId('delivery');
    expect(badge).toHaveAttribute('data-state', 'scheduled');
    expect(badge).toHaveTextContent(/^Scheduled for .*8.*: the client's quiet hours$/);
  });

  it('says it in Russian, and shows a failure with the channel’s reason', async () => {
    await renderScreen(
      <Conversation
        entries={[
          reply({ state: 'scheduled', reason: 'rate-limit', at: '2026-12-08T08:00:00.000Z' }),
          { ...reply({ state: 'failed', reason: 'ESME_RINVDSTADR', at: '2026-12-07T21:41:00.000Z' }), messageId: 'rep-2', revision: 3 },
        ]}
      />,
      { lng: 'ru' },
    );
    const badges = await screen.findAllByTestId('delivery');
    expect(badges[0]).toHaveTextContent(/^Запланировано на .*: лимит отдела для этого клиента$/);
    expect(badges[1]).toHaveTextContent('Не доставлено: ESME_RINVDSTADR');
  });
});
