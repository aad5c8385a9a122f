// The cell editors: one text editor for every editable cell (a line for short texts and amounts, a roomy box for
// long texts). It starts from what the officer already typed into the grid's typing proxy (so the first character
// of a Chinese IME composition is never lost), commits on Enter, takes Shift+Enter / Alt+Enter as a line break in
// long texts, and never lets an Enter that confirms an IME candidate commit the cell.

import type { CustomCellEditorProps } from 'ag-grid-react';
import { useLayoutEffect, useRef, useState } from 'react';

/**
 * What the typing proxy caught for the editor that is opening: `start` replaces the cell's text (the officer typed
 * over it; null when the editor was opened with Enter/F2 and starts from the cell's text), `more` is whatever was
 * typed while the editor was still opening. The editor takes both in the same moment it takes the focus, so no
 * keystroke falls between the two.
 */
const pending = { opening: false, start: null as string | null, more: '' };

export function openingEditor(start: string | null): void {
  pending.opening = true;
  pending.start = start;
  pending.more = '';
}

/** True while an editor has been asked for and has not yet taken the focus: typed text is kept for it. */
export function editorOpening(): boolean {
  return pending.opening;
}

/** Forgets an opening that did not happen (the grid refused to edit the cell). */
export function cancelOpening(): void {
  takePending();
}

export function typedWhileOpening(text: string): void {
  pending.more += text;
}

function takePending(): { start: string | null; more: string } {
  const t = { start: pending.start, more: pending.more };
  pending.opening = false;
  pending.start = null;
  pending.more = '';
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
  const cellText = () => (editText ? editText(data) : value == null ? '' : String(value));
  const [text, setText] = useState(cellText);
  const change = (next: string) => {
    setText(next);
    onValueChange(next);
  };
  // The editor's own text: what the officer typed over the cell (else the cell's text), plus what was typed while
  // it opened — taken together with the focus, in one step.
  useLayoutEffect(() => {
    const typed = takePending();
    change((typed.start ?? cellText()) + typed.more);
    const el = ref.current;
    if (!el) return;
    el.focus();
    requestAnimationFrame(() => {
      const end = el.value.length;
      el.setSelectionRange(end, end);
    });
    // Once, on opening.
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
