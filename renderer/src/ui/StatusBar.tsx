// The bottom line: which year is open, and whether the last change is in the file ("已保存"), being written, or
// could not be written — the officer never has to wonder whether work is saved.
import { FRAMEWORKS } from '../../../shared/frameworks.ts';
import { useWorkspace } from '../state/workspace.ts';

function time(d: Date): string {
  return d.toLocaleTimeString('zh-CN', { hour12: false });
}

export function StatusBar(props: { host: 'electron' | 'browser' | null }) {
  const ws = useWorkspace();
  const y = ws.facts;
  const s = ws.save;
  return (
    <footer className="status-bar" role="status" aria-label="状态栏">
      {y ? (
        <>
          <span>{y.fiscalYear} 年度</span>
          {y.readonly && (
            <span className="readonly-tag" title="文件只读或所在文件夹不可写：可以查看、导出，不能修改">
              只读
            </span>
          )}
          <span title={FRAMEWORKS[y.framework].title}>指标体系 {y.framework}</span>
          <span>
            {ws.departments.size} 个部门 · {ws.projects.size} 个项目
          </span>
          <span className="finding-counts" aria-label="审核计数">
            {!ws.checked ? '正在审核…' : (
              <>
                <span className={ws.findingCounts.error > 0 ? 'errors' : ''}>错误 {ws.findingCounts.error}</span>
                {' · '}
                <span>警告 {ws.findingCounts.warning}</span>
              </>
            )}
          </span>
          <span className="path" title={y.path}>
            {y.path}
          </span>
        </>
      ) : (
        <span>未打开年度文件</span>
      )}
      <span className="spacer" />
      <span className={`save-state ${s.kind}`} data-testid="save-state">
        {s.kind === 'saving'
          ? '正在保存…'
          : s.kind === 'saved'
            ? `已保存 ${time(s.at)}`
            : s.kind === 'failed'
              ? `未保存：${s.message}`
              : y
                ? '所有修改都已保存'
                : ''}
      </span>
      {props.host === 'browser' && <span className="host">浏览器模式</span>}
    </footer>
  );
}
