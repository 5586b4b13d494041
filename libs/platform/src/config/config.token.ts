export const SWITCHBOARD_CONFIG = Symbol('SwitchboardConfig');
