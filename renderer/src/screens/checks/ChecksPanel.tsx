// 审核: every finding of the year, errors first, filterable by severity and by text; re-checked as the officer edits.
// A click (or Enter) on a finding opens the project or sheet it is about and selects the very cell.

import { useEffect, useMemo, useState } from 'react';
import type { LocatedFinding } from '../../../../shared/api.ts';
import { describeLocation } from '../../../../shared/validation.ts';
import { useWorkspace, workspace } from '../../state/workspace.ts';

type Filter = 'all' | 'error' | 'warning';

/**
 * Findings drawn at first, and more at each 显示更多: a year of 5,000 projects has some 41,000, and drawing them all
 * took the panel 14 s to open (and a second per keystroke in 查找).
 */
const FIRST = 300;
const MORE = 1000;

export function ChecksPanel(props: { onGo: (f: LocatedFinding) => void; onClose: () => void }) {
  const ws = useWorkspace();
  const [filter, setFilter] = useState<Filter>('all');
  const [text, setText] = useState('');
  const [limit, setLimit] = useState(FIRST);
  // Another choice of findings starts from its first ones again.
  useEffect(() => setLimit(FIRST), [filter, text]);
  const counts = ws.findingCounts;
  // 审核 waits for the officer to pause; opening the panel asks for it now.
  useEffect(() => workspace.checkNowIfWaiting(), []);
  const shown = useMemo(() => {
    const t = text.trim();
    return ws.findings
      .filter((f) => filter === 'all' || f.severity === filter)
      .filter((f) => t === '' || f.message.includes(t) || describeLocation(f.location).includes(t))
      .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  }, [ws.findings, filter, text]);

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
      {ws.findings.length === 0 && ws.checked && !ws.checking ? (
        <p className="checks-empty">审核通过：没有发现问题。</p>
      ) : (
        <ol className="checks-list">
          {shown.slice(0, limit).map((f, i) => (
            <li key={`${f.check}-${i}`} className={f.severity}>
              <button type="button" onClick={() => props.onGo(f)} title="打开并选中这一格（Enter）">
                <span className="badge">{f.severity === 'error' ? '错误' : '警告'}</span>
                <span className="where">{describeLocation(f.location)}</span>
                <span className="message">{f.message}</span>
              </button>
            </li>
          ))}
          {shown.length > limit && (
            <li role="presentation" className="checks-more">
              <button type="button" onClick={() => setLimit((n) => n + MORE)}>
                显示更多（还有 {shown.length - limit} 条）
              </button>
            </li>
          )}
        </ol>
      )}
    </aside>
  );
}
