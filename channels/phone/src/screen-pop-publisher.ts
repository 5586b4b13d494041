import type { ScreenPop } from './screen-pops';

/** Hands a screen-pop to every process serving operators' event streams (not only this one). */
export interface ScreenPopPublisher {
  publish(pop: ScreenPop): Promise<void>;
}

export const SCREEN_POP_PUBLISHER = Symbol('ScreenPopPublisher');
