// The cell editors: one text editor for every editable cell (a line for short texts and amounts, a roomy box for
// long texts). It starts from what the officer already typed into the grid's typing proxy (so the first character
// of a Chinese IME composition is never lost), commits on Enter, takes Shift+Enter / Alt+Enter as a line break in
// long texts, and never lets an Enter that confirms an IME candidate commit the cell.

import type { CustomCellEditorProps } from 'ag-grid-react';
import { useEffect, useRef, useState } from 'react';

/** Text the typing proxy captured, handed to the editor that opens next (read once). */
let pendingText: string | null = null;

export function setPendingText(text: string | null): void {
  pendingText = text;
}

function takePendingText(): string | null {
  const t = pendingText;
  pendingText = null;
  return t;
}

export interface TextEditorParams {
  multiline?: boolean;
  /** Right-aligned, for amounts. */
  numeric?: boolean;
  /** The text to start from, e.g. an amount as `1107.43` rather than its display `1,107.43`. */
  editText?: (data: unknown) => string;
}

export function TextEditor(props: CustomCellEditorProps & TextEditorParams) {
  const { multiline, numeric, editText, data, value, onValueChange } = props;
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  // The grid's value is what the cell shows; the editor works on the text the officer edits, starting from what
  // the typing proxy caught, else the cell's own text.
  const [text, setText] = useState(() => takePendingText() ?? (editText ? editText(data) : value == null ? '' : String(value)));
  const change = (next: string) => {
    setText(next);
    onValueChange(next);
  };
  useEffect(() => {
    onValueChange(text);
    // Once, on opening: from then on every change reports itself.
  }, []);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    const end = el.value.length;
    el.setSelectionRange(end, end);
  }, []);

  const onKeyDown = (e: React.KeyboardEvent) => {
    // An Enter that confirms an IME candidate belongs to the IME.
    if (e.nativeEvent.isComposing || e.keyCode === 229) {
      e.stopPropagation();
      return;
    }
    if (multiline && e.key === 'Enter' && (e.shiftKey || e.altKey)) {
      e.preventDefault();
      e.stopPropagation();
      const el = ref.current;
      if (!el) return;
      const { selectionStart: s, selectionEnd: t } = el;
      change(`${el.value.slice(0, s)}\n${el.value.slice(t)}`);
      requestAnimationFrame(() => el.setSelectionRange(s + 1, s + 1));
    }
  };

  const common = {
    ref,
    value: text,
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => change(e.target.value),
    onKeyDown,
    spellCheck: false,
    'aria-label': `编辑：${props.colDef.headerName ?? ''}`,
  };
  if (multiline) {
    return (
      <div className="long-editor">
        <textarea {...common} rows={8} />
        <div className="long-editor-hint">Enter 保存 · Shift+Enter 换行 · Esc 取消</div>
      </div>
    );
  }
  return <input {...common} className={numeric ? 'cell-input numeric' : 'cell-input'} inputMode={numeric ? 'decimal' : 'text'} />;
}
