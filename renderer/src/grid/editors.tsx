// The cell editors: one text editor for every editable cell (a line for short texts and amounts, a roomy box for
// long texts). It starts from what the officer already typed into the grid's typing proxy (so the first character
// of a Chinese IME composition is never lost), commits on Enter, takes Shift+Enter / Alt+Enter as a line break in
// long texts, and never lets an Enter that confirms an IME candidate commit the cell.

import type { CustomCellEditorProps } from 'ag-grid-react';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { LibrarySuggestion } from '../../../shared/api.ts';

/**
 * What the typing proxy caught for the editor that is opening: `start` replaces the cell's text (the officer typed
 * over it; null when the editor was opened with Enter/F2 and starts from the cell's text), `more` is whatever was
 * typed while the editor was still opening. The editor takes both in the same moment it takes the focus, so no
 * keystroke falls between the two.
 */
const pending = { opening: false, mounted: false, start: null as string | null, more: '', after: 'edit' as 'edit' | 'save' | 'cancel' };

export function openingEditor(start: string | null): void {
  pending.opening = true;
  pending.mounted = false;
  pending.start = start;
  pending.more = '';
  pending.after = 'edit';
}

/**
 * Enter (or Tab) pressed while the editor was still opening: the officer has typed the value and moved on, as in
 * Excel — the editor saves what was typed as soon as it opens. Esc: it closes without saving.
 */
export function whenOpened(after: 'save' | 'cancel'): void {
  pending.after = after;
}

/** True while an editor has been asked for and has not yet taken the focus: typed text is kept for it. */
export function editorOpening(): boolean {
  return pending.opening;
}

/** Forgets an opening that did not happen: no editor came (the grid refused to edit the cell). */
export function cancelOpeningIfNoEditor(): void {
  if (pending.opening && !pending.mounted) takePending();
}

export function typedWhileOpening(text: string): void {
  pending.more += text;
}

function takePending(): { start: string | null; more: string; after: 'edit' | 'save' | 'cancel' } {
  const t = { start: pending.start, more: pending.more, after: pending.after };
  pending.opening = false;
  pending.start = null;
  pending.more = '';
  pending.after = 'edit';
  return t;
}

export interface TextEditorParams {
  multiline?: boolean;
  /** Right-aligned, for amounts. */
  numeric?: boolean;
  /** The text to start from, e.g. an amount as `1107.43` rather than its display `1,107.43`. */
  editText?: (data: unknown) => string;
  /** Suggestions for what is typed (the indicator library); choosing one calls `onChoose` instead of saving the text. */
  suggest?: (text: string) => Promise<LibrarySuggestion[]>;
  onChoose?: (data: unknown, choice: LibrarySuggestion, typed: string) => void;
}

/**
 * While an editor shows library suggestions, its arrows and Esc are for the list, and so is Enter once a suggestion
 * is highlighted; otherwise the grid has them (Enter saves the typed text).
 */
const suggestionState = { shown: false, highlighted: false };

export function editorWantsKey(key: string): boolean {
  if (!suggestionState.shown) return false;
  return key === 'ArrowUp' || key === 'ArrowDown' || key === 'Escape' || (key === 'Enter' && suggestionState.highlighted);
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
    const el = ref.current;
    if (!el) return;
    // Until this editor has the focus, whatever is typed is kept for it (a popup editor is attached to the page a
    // moment after it is made).
    pending.opening = true;
    pending.mounted = true;
    let live = true;
    const take = () => {
      if (!live) return;
      if (!el.isConnected) {
        requestAnimationFrame(take);
        return;
      }
      const typed = takePending();
      const initial = (typed.start ?? cellText()) + typed.more;
      change(initial);
      // Its text and its caret (at the end) before the focus, so the next key lands after what is there.
      el.value = initial;
      el.focus();
      el.setSelectionRange(initial.length, initial.length);
      if (typed.after !== 'edit') queueMicrotask(() => props.api.stopEditing(typed.after === 'cancel'));
    };
    take();
    return () => {
      live = false;
    };
    // Once, on opening.
  }, []);

  // Suggestions from the library, a moment after the officer stops typing.
  const [suggestions, setSuggestions] = useState<LibrarySuggestion[]>([]);
  const [active, setActive] = useState(-1);
  const suggest = props.suggest;
  useEffect(() => {
    if (!suggest) return;
    const t = text.trim();
    if (t === '') {
      setSuggestions([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      suggest(t).then(
        (list) => {
          if (!live) return;
          // The exact name already there is no suggestion.
          setSuggestions(list.filter((x) => !(x.kind === 'indicator' && x.name === t && list.length === 1)));
          setActive(-1);
        },
        () => undefined,
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, suggest]);

  useEffect(() => {
    suggestionState.shown = suggestions.length > 0;
    suggestionState.highlighted = suggestions.length > 0 && active >= 0;
    return () => {
      suggestionState.shown = false;
      suggestionState.highlighted = false;
    };
  }, [suggestions, active]);

  const choose = (s: LibrarySuggestion) => {
    props.onChoose?.(data, s, text);
    // Cancel: the typed text is not saved; the choice was.
    props.api.stopEditing(true);
  };

  // Keys handled on the element itself, before the grid's own listeners see them.
  const state = useRef({ suggestions, active });
  state.current = { suggestions, active };
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onKey = (e: KeyboardEvent) => {
      // An Enter that confirms an IME candidate belongs to the IME.
      if (e.isComposing || e.keyCode === 229) {
        e.stopPropagation();
        return;
      }
      const { suggestions: list, active: at } = state.current;
      if (list.length > 0 && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
        e.preventDefault();
        e.stopPropagation();
        setActive(Math.max(-1, Math.min(list.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1))));
        return;
      }
      if (list.length > 0 && e.key === 'Enter' && at >= 0) {
        e.preventDefault();
        e.stopPropagation();
        const chosen = list[at];
        if (chosen) choose(chosen);
        return;
      }
      if (list.length > 0 && e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        setSuggestions([]);
        return;
      }
      if (multiline && e.key === 'Enter' && (e.shiftKey || e.altKey)) {
        e.preventDefault();
        e.stopPropagation();
        const { selectionStart: s, selectionEnd: t } = el;
        change(`${el.value.slice(0, s)}\n${el.value.slice(t)}`);
        requestAnimationFrame(() => el.setSelectionRange(s + 1, s + 1));
      }
    };
    el.addEventListener('keydown', onKey);
    return () => el.removeEventListener('keydown', onKey);
  });

  const common = {
    ref,
    value: text,
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => change(e.target.value),
    spellCheck: false,
    'aria-label': `编辑：${props.colDef.headerName ?? ''}`,
  };
  if (multiline) {
    return (
      <div className="long-editor">
        <textarea {...common} rows={suggest ? 3 : 8} />
        {suggestions.length > 0 && (
          <ul className="suggestions" role="listbox" aria-label="指标库">
            {suggestions.map((s, i) => (
              <li
                key={`${s.kind}-${s.name}-${s.level2}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'active' : ''}
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(s);
                }}
              >
                <span className="s-name">{s.name}</span>
                <span className="s-meta">
                  {s.kind === 'category' ? `归入 ${s.level1} › ${s.level2}` : `${s.level2 || s.level1} · 用过 ${s.uses} 次${s.values[0] ? ` · 常用 ${s.values.slice(0, 2).join('、')}` : ''}`}
                </span>
              </li>
            ))}
          </ul>
        )}
        <div className="long-editor-hint">
          {suggestions.length > 0 ? '↓↑ 选择指标库中的指标，Enter 选用 · ' : ''}Enter 保存 · Shift+Enter 换行 · Esc 取消
        </div>
      </div>
    );
  }
  return <input {...common} className={numeric ? 'cell-input numeric' : 'cell-input'} inputMode={numeric ? 'decimal' : 'text'} />;
}
