/**
 * The `use:enhance` callback every form uses: a pending flag for the button (and aria-busy),
 * and values left as typed after the action answers (SvelteKit would reset the form on success;
 * most forms here show what was saved instead).
 */
import type { ActionResult, SubmitFunction } from '@sveltejs/kit';

export function pendingSubmit(
  options: { reset?: boolean; afterResult?: (result: ActionResult) => void | Promise<void> } = {},
) {
  let pending = $state(false);
  const submit: SubmitFunction = () => {
    pending = true;
    return async ({ update, result }) => {
      try {
        await update({ reset: options.reset ?? false });
        await options.afterResult?.(result);
      } finally {
        pending = false;
      }
    };
  };
  return {
    get pending() {
      return pending;
    },
    submit,
  };
}
