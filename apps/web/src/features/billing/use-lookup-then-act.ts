import { useState, type ChangeEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import * as api from './api';

/**
 * The accounts forms that name a record by its reference (an invoice number, a mandate's RUM): the record is looked
 * up on the server, wherever it sits among thousands, then `act` runs on it; a reference nothing has is flagged on
 * the field (`unknown`) rather than sent on.
 */
export function useLookupThenAct<F, T>(
  find: (reference: string) => Promise<F | null>,
  act: (found: F) => Promise<T>,
  done: (result: T) => void,
) {
  const client = useQueryClient();
  const [reference, setReference] = useState('');
  const [unknown, setUnknown] = useState(false);
  const mutation = useMutation({
    mutationFn: async () => {
      const found = await find(reference);
      setUnknown(!found);
      return found ? { result: await act(found) } : null;
    },
    onSuccess: async (outcome) => {
      if (!outcome) return;
      done(outcome.result);
      await client.invalidateQueries({ queryKey: api.billingKeys.all });
    },
  });
  const bind = {
    value: reference,
    onChange: (e: ChangeEvent<HTMLInputElement>) => {
      setReference(e.currentTarget.value);
      setUnknown(false);
    },
  };
  return { mutation, bind, unknown };
}
