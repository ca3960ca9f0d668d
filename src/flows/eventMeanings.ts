// How `railpilot explain` and the tutorial word a trace event: by the meanings its flow declares
// (each flow keeps its own beside its machine, in its folder), and xstate's `after` delays by name.

/** The meaning of a trace event; `after` delays are named after the delay they waited for. */
export function meaningOf(meanings: Readonly<Record<string, string>>, event: string): string {
  const after = /^xstate\.after\.(\w+)\./.exec(event);
  if (after) return `Time is up (${after[1]}): no block took the transfer, so the payment gives up on it.`;
  return meanings[event] ?? event;
}
