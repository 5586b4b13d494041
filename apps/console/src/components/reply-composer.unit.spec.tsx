import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderScreen } from '../../test/render';
import { ApiError } from '../api/problem';
import { ReplyComposer } from './reply-composer';

describe('the reply composer', () => {
  it('keeps the text when the API refuses the reply, and shows why', async () => {
    const error = new ApiError(422, { status: 422, detail: 'The request is closed.' });
    const onSend = jest.fn().mockRejectedValue(error);
    const view = await renderScreen(<ReplyComposer pending={false} error={null} onSend={onSend} />);
    await userEvent.type(screen.getByLabelText('Reply to the client'), 'We are on it');
    await userEvent.click(screen.getByRole('button', { name: 'Send reply' }));
    expect(onSend).toHaveBeenCalledWith('We are on it');
    expect(screen.getByLabelText('Reply to the client')).toHaveValue('We are on it');
    view.unmount();
    await renderScreen(<ReplyComposer pending={false} error={error} onSend={onSend} />);
    expect(screen.getByRole('alert')).toHaveTextContent('The request is closed.');
  });

  it('clears the text once the reply was accepted, and sends with Ctrl+Enter', async () => {
    const onSend = jest.fn().mockResolvedValue({ id: 'r', position: '1', revision: 2 });
    await renderScreen(<ReplyComposer pending={false} error={null} onSend={onSend} />);
    const box = screen.getByLabelText('Reply to the client');
    await userEvent.type(box, 'Fixed');
    fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(box).toHaveValue(''));
    expect(onSend).toHaveBeenCalledTimes(1);
  });

  it('does not send an empty reply', async () => {
    const onSend = jest.fn();
    await renderScreen(<ReplyComposer pending={false} error={null} onSend={onSend} />);
    expect(screen.getByRole('button', { name: 'Send reply' })).toBeDisabled();
  });
});
