// The api's bounds (packages/contracts task-wire TITLE_MAX, DESCRIPTION_MAX),
// repeated here so that showing them does not put zod in the first load;
// task-limits.test.ts keeps the two equal.
export const TITLE_MAX_LENGTH = 200;
export const DESCRIPTION_MAX_LENGTH = 2000;

/** The counter shows from 80 % of the limit on: earlier it is noise. */
export function showCounter(length: number, max: number): boolean {
  return length >= Math.floor(max * 0.8);
}
