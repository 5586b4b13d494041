import { assertNever } from '@switchboard/kernel';

export type Light = 'red' | 'green';
export const next = (light: Light, now: Date): { light: Light; at: Date } => {
  switch (light) {
    case 'red':
      return { light: 'green', at: now };
    case 'green':
      return { light: 'red', at: now };
    default:
      return assertNever(light);
  }
};
