import { ApiError, describeProblem } from './problem';

const t = (key: string, options?: Record<string, unknown>) => (options ? `${key} ${JSON.stringify(options)}` : key);

describe('problem+json in words', () => {
  it('names every bad field of a 400', () => {
    const error = new ApiError(400, {
      status: 400,
      errors: [
        { field: 'phone', message: 'must be E.164' },
        { field: 'firstName', message: 'must not be empty' },
      ],
    });
    expect(describeProblem(error, t)).toEqual({ title: 'problem.invalid', message: 'phone: must be E.164; firstName: must not be empty' });
    expect(error.fieldErrors()).toEqual({ phone: 'must be E.164', firstName: 'must not be empty' });
  });

  it('says a 409 with the current state is someone else’s change', () => {
    const error = new ApiError(409, { status: 409, current: { state: 'CLOSED', revision: 7 } });
    expect(describeProblem(error, t)).toEqual({ title: 'conflict.title', message: 'conflict.message {"state":"state.CLOSED"}' });
  });

  it('lists what is possible instead of a refused move', () => {
    const error = new ApiError(422, { status: 422, detail: 'Cannot escalate a NEW request.', allowedActions: ['assign', 'close'] });
    expect(describeProblem(error, t).message).toBe('Cannot escalate a NEW request. problem.allowedNow {"actions":"action.assign, action.close"}');
  });

  it('tells a lost connection from a server error', () => {
    expect(describeProblem(new ApiError(0, {}), t).title).toBe('problem.offline');
    expect(describeProblem(new ApiError(500, { detail: 'boom' }), t)).toEqual({ title: 'problem.server', message: 'boom' });
  });
});
