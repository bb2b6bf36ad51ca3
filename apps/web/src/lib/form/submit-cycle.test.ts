import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { schemaCheck } from "./schema-check";
import {
  CHECK_FIELDS,
  createSubmitCycle,
  type FormFailure,
  type FormState,
  IDLE,
  LEAVING,
  type SubmitCycleOptions,
} from "./submit-cycle";

const Schema = z.object({
  name: z.string().check(z.trim(), z.minLength(1, "Enter your name")),
  email: z.string().check(z.email("Enter a valid email address")),
});
type Input = z.infer<typeof Schema>;
type Values = Record<string, string>;

const VALID = { name: " Ada ", email: "ada@example.com" };

/** A cycle whose shown states are recorded, with a submit the test controls. */
function harness(outcome: () => Promise<FormFailure | null | typeof LEAVING> = async () => null) {
  const shown: FormState[] = [];
  const sent: Input[] = [];
  const cycle = createSubmitCycle<Values, Input>((state) => shown.push(state));
  const options: SubmitCycleOptions<Values, Input> = {
    check: schemaCheck(async () => Schema),
    submit: (input) => {
      sent.push(input);
      return outcome();
    },
    unreachable: "No connection.",
  };
  const last = () => shown.at(-1) ?? IDLE;
  return { cycle, options, shown, sent, last };
}

describe("the form submit cycle", () => {
  it("shows a message at each wrong field and sends nothing", async () => {
    const { cycle, options, sent, last } = harness();
    const failure = await cycle.submit({ name: "  ", email: "nope" }, options);
    expect(sent).toEqual([]);
    expect(failure?.fields).toEqual({
      name: "Enter your name",
      email: "Enter a valid email address",
    });
    expect(last()).toEqual({ errors: failure?.fields, alert: CHECK_FIELDS, pending: false });
  });

  it("sends the checked input (trimmed), pending while it is in flight, then idle", async () => {
    const { cycle, options, sent, shown, last } = harness();
    expect(await cycle.submit(VALID, options)).toBeNull();
    expect(sent).toEqual([{ name: "Ada", email: "ada@example.com" }]);
    expect(shown.some((state) => state.pending)).toBe(true);
    expect(last()).toEqual(IDLE);
  });

  it("shows the request's failure at its fields and in the alert", async () => {
    const refused = { fields: { email: "Taken" }, alert: "Try another." };
    const { cycle, options, last } = harness(async () => refused);
    expect(await cycle.submit(VALID, options)).toEqual(refused);
    expect(last()).toEqual({ errors: { email: "Taken" }, alert: "Try another.", pending: false });
  });

  it("ignores a second submit while the first is in flight", async () => {
    let finish: (value: null) => void = () => undefined;
    const inFlight = new Promise<null>((resolve) => {
      finish = resolve;
    });
    let calls = 0;
    // The first request waits until the test lets it finish; later ones answer at once.
    const { cycle, options, sent } = harness(() =>
      ++calls === 1 ? inFlight : Promise.resolve(null),
    );
    const first = cycle.submit(VALID, options);
    await cycle.submit(VALID, options);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(sent).toHaveLength(1);
    finish(null);
    await first;
    await cycle.submit(VALID, options);
    expect(sent).toHaveLength(2);
  });

  it("stays pending and closed once the page is leaving", async () => {
    const { cycle, options, sent, last } = harness(async () => LEAVING);
    await cycle.submit(VALID, options);
    expect(last().pending).toBe(true);
    await cycle.submit(VALID, options);
    expect(sent).toHaveLength(1);
  });

  it("says there is no connection when the check cannot load", async () => {
    const { cycle, options, sent, last } = harness();
    const offline = { ...options, check: () => Promise.reject(new Error("chunk load failed")) };
    await cycle.submit(VALID, offline);
    expect(sent).toEqual([]);
    expect(last()).toEqual({ errors: {}, alert: "No connection.", pending: false });
  });

  it("clears a field's error once it is valid, keeps the others, and drops the check alert", async () => {
    const { cycle, options, last } = harness();
    await cycle.submit({ name: "", email: "nope" }, options);
    await cycle.revalidate({ name: "Ada", email: "nope" }, options);
    expect(last()).toEqual({
      errors: { email: "Enter a valid email address" },
      alert: CHECK_FIELDS,
      pending: false,
    });
    await cycle.revalidate(VALID, options);
    expect(last()).toEqual(IDLE);
  });

  it("flags nothing while typing before the first submit", async () => {
    const { cycle, options, shown } = harness();
    await cycle.revalidate({ name: "", email: "nope" }, options);
    expect(shown).toEqual([]);
  });

  it("forgets the last failure on reset", async () => {
    const { cycle, options, last } = harness(async () => ({ fields: {}, alert: "Refused." }));
    await cycle.submit(VALID, options);
    cycle.reset();
    expect(last()).toEqual(IDLE);
  });
});
