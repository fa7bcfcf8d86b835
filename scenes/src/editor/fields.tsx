// Form pieces of the editor and the drill desk: a labelled field that shows its problem under it (red, with the fix),
// and a number input that keeps what is typed while it is not yet a number (the parser then names it).
import { useEffect, useState } from 'react';
import type { FieldProblem } from './form-check.ts';

export function Field({
  id,
  label,
  problem,
  children,
}: {
  id: string;
  label: string;
  problem: FieldProblem | null;
  children: React.ReactNode;
}) {
  const bad = problem?.field === id;
  return (
    <label className={`ed-field${bad ? ' bad' : ''}`} data-field={id}>
      <span className="ed-label">{label}</span>
      {children}
      {bad && (
        <span className="ed-error" role="alert" data-testid={`error-${id}`}>
          {problem.path && <code>{problem.path}</code>} {problem.message}
        </span>
      )}
    </label>
  );
}

/** A number field: NaN out when empty or not a number. */
export function NumInput({
  value,
  onChange,
  testId,
  step,
}: {
  value: number;
  onChange: (v: number) => void;
  testId: string;
  step?: number;
}) {
  const [text, setText] = useState(Number.isNaN(value) ? '' : String(value));
  useEffect(() => {
    const shown = text.trim() === '' ? NaN : Number(text);
    if (!(Object.is(shown, value) || (Number.isNaN(shown) && Number.isNaN(value))))
      setText(Number.isNaN(value) ? '' : String(value));
    // Only an outside change of the value rewrites the text (not the text typed, which may be half a number).
  }, [value]);
  return (
    <input
      type="text"
      inputMode="decimal"
      data-testid={testId}
      value={text}
      step={step}
      onChange={(e) => {
        setText(e.target.value);
        const t = e.target.value.trim();
        onChange(t === '' ? NaN : Number(t));
      }}
    />
  );
}
