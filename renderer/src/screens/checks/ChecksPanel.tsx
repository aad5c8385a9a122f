// 审核: every finding of the year, errors first, filterable by severity and by text; re-checked as the officer edits.
// A click (or Enter) on a finding opens the project or sheet it is about and selects the very cell.

import { useEffect, useState } from 'react';
import type { ChecksView, LocatedFinding } from '../../../../shared/api.ts';
import { describeLocation, findingMatches } from '../../../../shared/validation.ts';
import { call } from '../../api/client.ts';
import { FIRST_FINDINGS, useWorkspace, workspace } from '../../state/workspace.ts';

type Filter = 'all' | 'error' | 'warning';

/**
 * Findings drawn at first, and more at each 显示更多: a year of 5,000 projects has some 41,000. The core picks them
 * (`year.checks`: severity, text, errors first), so neither drawing nor sending them all holds the page up.
 */
const MORE = 1000;
/** Typing in 查找 asks the core once the officer stops for this long. */
const TYPING_MS = 150;

export function ChecksPanel(props: { onGo: (f: LocatedFinding) => void; onClose: () => void }) {
  const ws = useWorkspace();
  const [filter, setFilter] = useState<Filter>('all');
  const [text, setText] = useState('');
  const [limit, setLimit] = useState(FIRST_FINDINGS);
  // Another choice of findings starts from its first ones again.
  useEffect(() => setLimit(FIRST_FINDINGS), [filter, text]);
  const counts = ws.findingCounts;
  // 审核 waits for the officer to pause; opening the panel asks for it now.
  useEffect(() => workspace.checkNowIfWaiting(), []);
  // The first findings of every 审核 are at hand; any other choice is asked of the core (again after each 审核).
  const own = filter !== 'all' || text.trim() !== '' || limit > FIRST_FINDINGS;
  const query = `${filter}|${text.trim()}|${limit}`;
  const [asked, setAsked] = useState<{ query: string; view: ChecksView } | null>(null);
  useEffect(() => {
    if (!own) {
      setAsked(null);
      return;
    }
    let live = true;
    const timer = setTimeout(
      () =>
        call('year.checks', { severity: filter, text: text.trim(), limit }).then(
          (view) => live && setAsked({ query, view }),
          () => undefined,
        ),
      text.trim() === '' ? 0 : TYPING_MS,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [own, query, filter, text, limit, ws.checksVersion]);
  // Until the core answers, the findings at hand that match stand in (no empty flash on each click or keystroke).
  const t = text.trim();
  const standIn = () => ws.findings.filter((f) => findingMatches(f, filter, t));
  const answer = asked?.query === query ? asked.view : null;
  const shown = own ? (answer?.findings ?? standIn()) : ws.findings;
  const matching = own ? (answer?.matching ?? shown.length) : counts.error + counts.warning;

  return (
    <aside className="checks-panel" aria-label="审核结果">
      <header>
        <h2>审核</h2>
        <span className="muted">{ws.checking || !ws.checked ? '正在审核…' : `${counts.error} 个错误，${counts.warning} 个警告`}</span>
        <span className="spacer" />
        <button type="button" className="link" aria-label="关闭审核" onClick={props.onClose}>
          ×
        </button>
      </header>
      <div className="checks-filter" role="group" aria-label="筛选">
        {(
          [
            ['all', `全部 ${counts.error + counts.warning}`],
            ['error', `错误 ${counts.error}`],
            ['warning', `警告 ${counts.warning}`],
          ] as const
        ).map(([k, label]) => (
          <button key={k} type="button" aria-pressed={filter === k} className={filter === k ? 'active' : ''} onClick={() => setFilter(k)}>
            {label}
          </button>
        ))}
        <input aria-label="查找审核结果" placeholder="查找，如 满意度、某个项目名称" value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      {counts.error + counts.warning === 0 && ws.checked && !ws.checking ? (
        <p className="checks-empty">审核通过：没有发现问题。</p>
      ) : (
        <ol className="checks-list">
          {shown.map((f, i) => (
            <li key={`${f.check}-${i}`} className={f.severity}>
              <button type="button" onClick={() => props.onGo(f)} title="打开并选中这一格（Enter）">
                <span className="badge">{f.severity === 'error' ? '错误' : '警告'}</span>
                <span className="where">{describeLocation(f.location)}</span>
                <span className="message">{f.message}</span>
              </button>
            </li>
          ))}
          {matching > shown.length && (
            <li role="presentation" className="checks-more">
              <button type="button" onClick={() => setLimit(shown.length + MORE)}>
                显示更多（还有 {matching - shown.length} 条）
              </button>
            </li>
          )}
        </ol>
      )}
    </aside>
  );
}
