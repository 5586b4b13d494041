/** How people name a unit at the gate and on a pass: its building, then its number ("Корпус 2, 45"). */
export const unitLabel = (unit: { readonly buildingName: string; readonly number: string }): string => `${unit.buildingName}, ${unit.number}`;
