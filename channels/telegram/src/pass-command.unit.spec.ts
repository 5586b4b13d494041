import { isPassCommand, parsePassCommand } from './pass-command';

describe('the /pass command', () => {
  it('orders a pass for a visitor by name, or by plate when the text has digits and letters', () => {
    expect(parsePassCommand('/pass Pyotr  Ivanov')).toEqual({ kind: 'order', visitorName: 'Pyotr Ivanov' });
    expect(parsePassCommand('/pass@SwitchboardBot А123ВС 77')).toEqual({ kind: 'order', plate: 'А123ВС 77' });
    expect(parsePassCommand('/PASS Ольга Смирнова')).toEqual({ kind: 'order', visitorName: 'Ольга Смирнова' });
  });

  it('takes a leading number as the unit of a resident with several', () => {
    expect(parsePassCommand('/pass 2 Olga')).toEqual({ kind: 'order', unitNumber: 2, visitorName: 'Olga' });
    expect(parsePassCommand('/pass 1 AB1234')).toEqual({ kind: 'order', unitNumber: 1, plate: 'AB1234' });
  });

  it('asks for help when there is nobody to let in, or the text is neither a name nor a plate', () => {
    for (const text of ['/pass', '/pass   ', '/pass 2', '/pass 0 Olga', '/pass 12345', '/pass !!!', '/pass 12 34'])
      expect([text, parsePassCommand(text)]).toEqual([text, { kind: 'help' }]);
  });

  it('is the command only at the start of the text', () => {
    expect(isPassCommand('/pass Olga')).toBe(true);
    expect(isPassCommand('/passport please')).toBe(false);
    expect(isPassCommand('I need a /pass')).toBe(false);
  });
});
