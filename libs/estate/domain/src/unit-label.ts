/** How people name a unit at the gate and on a pass: its building, then its number ("Корпус 2, 45"). */
export const unitLabel = (unit: { readonly buildingName: string; readonly number: string }): string => `${unit.buildingName}, ${unit.number}`;

/**
 * How a resident sees one of their units (the portal's unit picker, the Telegram bot's buttons):
 * the site first, since one client may hold units on several sites ("River Park, Building 2, 45").
 */
export const residentUnitLabel = (unit: { readonly siteName: string; readonly buildingName: string; readonly number: string }): string =>
  `${unit.siteName}, ${unitLabel(unit)}`;
