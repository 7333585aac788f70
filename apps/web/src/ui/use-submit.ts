import { useState } from 'react';
import { applyProblemToForm, type FormWithErrors } from '../api/form-errors';
import { notify } from './notify';

interface SubmitOptions<R> {
  /** The toast shown once the action succeeded. */
  success?: string;
  /** Runs after the action (and the toast); a failure here shows like the action's. */
  onSuccess?: (result: R) => unknown;
  /** An API field name → the form's name for it. */
  rename?: Record<string, string>;
}

/**
 * A form's submit: `pending` while the action runs; the API's field errors go on the form's fields (the problem's
 * `errors`, mapped by form-errors), any other failure is `error` for a ProblemAlert; a success toast, then `onSuccess`.
 * Use as `form.onSubmit(submit)`.
 */
export function useSubmit<V, R>(
  form: FormWithErrors & { values: V },
  action: (values: V) => Promise<R>,
  { success, onSuccess, rename }: SubmitOptions<R> = {},
) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (values: V) => {
    setError(null);
    setPending(true);
    try {
      const result = await action(values);
      if (success) notify(success);
      await onSuccess?.(result);
    } catch (err) {
      if (!applyProblemToForm(form, err, rename)) setError(err);
    } finally {
      setPending(false);
    }
  };
  return { submit, pending, error, setError };
}
