// One field of a form-shaped sheet (the project's header, the department table): shows the stored value, lets the
// officer type, and saves when the field is left or Enter is pressed (Ctrl+Enter in a multi-line box). A value the
// core refuses is kept in the box, marked, with the core's message; Esc puts the stored value back.
import { useEffect, useId, useRef, useState } from 'react';

export interface FieldInputProps {
  label: string;
  /** The stored value, as text. */
  value: string;
  /** Saves the text; resolves false when it was refused. */
  onSave: (text: string) => Promise<boolean>;
  multiline?: boolean;
  numeric?: boolean;
  placeholder?: string;
  rows?: number;
  /** Hide the label visually (the table around it says it), but keep it for screen readers and tests. */
  hiddenLabel?: boolean;
  className?: string;
}

export function FieldInput(props: FieldInputProps) {
  const { value, onSave, multiline, numeric } = props;
  const [text, setText] = useState(value);
  const [bad, setBad] = useState(false);
  const editing = useRef(false);
  const id = useId();

  // The stored value changes under us (undo, another edit): show it unless the officer is typing here.
  useEffect(() => {
    if (!editing.current) {
      setText(value);
      setBad(false);
    }
  }, [value]);

  const save = async () => {
    editing.current = false;
    if (text === value) {
      setBad(false);
      return;
    }
    const ok = await onSave(text);
    setBad(!ok);
  };

  const common = {
    id,
    value: text,
    placeholder: props.placeholder,
    'aria-invalid': bad || undefined,
    className: `${numeric ? 'numeric ' : ''}${bad ? 'invalid' : ''}`,
    onFocus: () => {
      editing.current = true;
    },
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      editing.current = true;
      setText(e.target.value);
    },
    onBlur: () => void save(),
    onKeyDown: (e: React.KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      if (e.nativeEvent.isComposing || e.keyCode === 229) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        editing.current = false;
        setText(value);
        setBad(false);
        (e.target as HTMLElement).blur();
      } else if (e.key === 'Enter' && (!multiline || e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void save();
        editing.current = true;
      }
    },
  };

  return (
    <div className={`field ${props.className ?? ''}`}>
      <label htmlFor={id} className={props.hiddenLabel ? 'visually-hidden' : undefined}>
        {props.label}
      </label>
      {multiline ? <textarea {...common} rows={props.rows ?? 3} /> : <input {...common} inputMode={numeric ? 'decimal' : undefined} />}
    </div>
  );
}
