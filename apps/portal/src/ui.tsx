// Small building blocks shared by the role pages.

import type { ComponentChildren } from 'preact';
import type { ActionState } from './chain.js';

const STEPS = ['signed', 'submitted', 'in block', 'finalised'] as const;

/** Progress of the last action (submitted → in block → finalised), its result or its error. */
export function Status({ state, id }: { state: ActionState; id: string }) {
  if (!state.busy && state.steps.length === 0 && state.error === undefined && state.done === undefined) return null;
  return (
    <div class="status" data-testid={`${id}-status`}>
      <ol class="steps">
        {STEPS.map((step) => <li class={state.steps.includes(step) ? 'reached' : ''}>{step}</li>)}
      </ol>
      {state.busy && <p class="busy">working…</p>}
      {state.done !== undefined && <p class="done" data-testid={`${id}-done`}>{state.done}</p>}
      {state.error !== undefined && <p class="error" role="alert" data-testid={`${id}-error`}>{state.error}</p>}
    </div>
  );
}

export function Card({ title, children, id }: { title: string; children: ComponentChildren; id?: string }) {
  return (
    <section class="card" data-testid={id === undefined ? undefined : `${id}-card`}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

export function Field({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <label class="field">
      <span>{label}</span>
      {children}
    </label>
  );
}

export function Select<T extends string>({ options, value, onChange, name, labels }: {
  options: readonly T[];
  value: T;
  onChange: (value: T) => void;
  name: string;
  /** What the user sees for an option, when not its value. */
  labels?: Partial<Record<T, string>>;
}) {
  return (
    <select name={name} value={value} onChange={(e) => onChange((e.target as HTMLSelectElement).value as T)}>
      {options.map((option) => <option value={option}>{labels?.[option] ?? option}</option>)}
    </select>
  );
}

/** Saves `value` as a JSON file the user downloads; it is made in the page, nothing is sent. */
export function downloadJson(filename: string, value: unknown): void {
  downloadText(filename, `${JSON.stringify(value, null, 2)}\n`, 'application/json');
}

/** Offers text as a file to save (a CSV export, a key). */
export function downloadText(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The text of a file chosen in the browser (a card or a key export); it never leaves the page. */
export async function fileText(input: HTMLInputElement | null): Promise<string | undefined> {
  const file = input?.files?.[0];
  return file === undefined ? undefined : await file.text();
}

/** A short form of an address for tables. */
export function short(address: string): string {
  return address.length > 16 ? `${address.slice(0, 6)}…${address.slice(-6)}` : address;
}

/** A millisecond timestamp as a readable UTC date, or a dash. */
export function when(ms: bigint | number | undefined | null): string {
  if (ms === undefined || ms === null) return '—';
  return new Date(Number(ms)).toISOString().replace('T', ' ').replace(/:\d\d\.\d+Z$/, ' UTC');
}
