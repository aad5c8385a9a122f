// One line under the toolbar for what just happened or why it did not: an error stays until dismissed, with every
// detail (e.g. each refused cell of a paste); information fades after a few seconds.
import { useEffect } from 'react';
import { useWorkspace, workspace } from '../state/workspace.ts';

export function NoticeBar() {
  const { notice, failedEdit } = useWorkspace();
  useEffect(() => {
    if (!notice || notice.kind === 'error') return;
    const t = setTimeout(() => {
      if (workspace.notice?.id === notice.id) workspace.dismissNotice();
    }, 6000);
    return () => clearTimeout(t);
  }, [notice]);
  if (!notice) return null;
  return (
    <div className={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
      <div className="notice-text">
        <span>{notice.text}</span>
        {notice.details.length > 0 && (
          <ul>
            {notice.details.map((d, i) => (
              <li key={i}>{d}</li>
            ))}
          </ul>
        )}
      </div>
      {notice.kind === 'error' && failedEdit && (
        <button type="button" onClick={() => void workspace.retry()}>
          重试
        </button>
      )}
      <button type="button" className="link" aria-label="关闭提示" onClick={() => workspace.dismissNotice()}>
        ×
      </button>
    </div>
  );
}
