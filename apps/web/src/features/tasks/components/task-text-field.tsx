import { type ChangeEvent, useId } from "react";
import { showCounter } from "../task-limits";

type TaskTextFieldProps = {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  multiline?: boolean;
  placeholder?: string;
  required?: boolean;
  disabled?: boolean;
  /** The api's limit: the browser stops typing there, and a counter shows near it. */
  maxLength: number;
};

const inputClass =
  "w-full rounded-md border border-slate-300 px-3 py-2 text-slate-900 shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/40 aria-[invalid=true]:border-red-500 disabled:bg-slate-100";

/**
 * A labelled input or textarea with its error wired to assistive tech. Ids come
 * from useId: the add form and an edit form can be on the page together.
 */
export function TaskTextField(props: TaskTextFieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const counterId = `${id}-counter`;
  const counting = showCounter(props.value.length, props.maxLength);
  const describedBy = [props.error ? errorId : "", counting ? counterId : ""]
    .filter(Boolean)
    .join(" ");
  const shared = {
    id,
    name: props.name,
    value: props.value,
    required: props.required,
    disabled: props.disabled,
    placeholder: props.placeholder,
    "aria-invalid": props.error ? true : undefined,
    "aria-describedby": describedBy || undefined,
    maxLength: props.maxLength,
    className: inputClass,
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      props.onChange(event.target.value),
  };
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {props.label}
      </label>
      {props.multiline ? <textarea rows={2} {...shared} /> : <input type="text" {...shared} />}
      {counting ? (
        <p
          id={counterId}
          data-testid="char-counter"
          className={`text-right text-xs tabular-nums ${props.value.length >= props.maxLength ? "text-red-700" : "text-slate-600"}`}
        >
          {props.value.length} / {props.maxLength} characters
        </p>
      ) : null}
      {props.error ? (
        <p id={errorId} className="text-sm text-red-700">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}
