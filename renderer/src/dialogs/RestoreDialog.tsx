// 恢复备份: the backups of a year file (made before every import and roll-forward, and once a day), newest first; one
// is put back in place of the file after a confirmation — the file it replaces is backed up first.
import { useEffect, useState } from 'react';
import type { BackupList } from '../../../shared/api.ts';
import type { YearFacts } from '../../../shared/views.ts';
import { ApiError, call } from '../api/client.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { FormError } from '../ui/FormError.tsx';

function when(iso: string): string {
  const d = new Date(iso);
  return `${d.toLocaleDateString('zh-CN')} ${d.toLocaleTimeString('zh-CN', { hour12: false })}`;
}

export function RestoreDialog(props: {
  /** The year file as Home names it; absent: the open year. */
  file?: string;
  /** Why the dialog opened on its own (a file that would not open). */
  reason?: string;
  onClose: () => void;
  onRestored: (facts: YearFacts) => void;
}) {
  const [list, setList] = useState<BackupList | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call('backup.list', props.file ? { file: props.file } : {}).then(
      (l) => {
        setList(l);
        setChosen(l.backups[0]?.name ?? null);
      },
      (e: unknown) => setError(e instanceof ApiError ? e.message : String(e)),
    );
  }, [props.file]);

  const restore = async () => {
    if (!chosen) return;
    try {
      props.onRestored(await call('backup.restore', { ...(props.file ? { file: props.file } : {}), backup: chosen }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };

  return (
    <Dialog title="恢复备份" onClose={props.onClose} wide>
      {props.reason && <p className="form-error">{props.reason}</p>}
      {list && <p className="muted">年度文件：{list.file}</p>}
      {list && list.backups.length === 0 && <p>这个年度文件还没有备份。</p>}
      {list && list.backups.length > 0 && (
        <table className="list" aria-label="备份">
          <thead>
            <tr>
              <th />
              <th>备份时间</th>
              <th>原因</th>
              <th>大小</th>
            </tr>
          </thead>
          <tbody>
            {list.backups.map((b) => (
              <tr key={b.name}>
                <td>
                  <input type="radio" name="backup" aria-label={`${when(b.at)} ${b.reason}`} checked={chosen === b.name} onChange={() => setChosen(b.name)} />
                </td>
                <td>{when(b.at)}</td>
                <td>{b.reason}</td>
                <td className="num">{Math.max(1, Math.round(b.bytes / 1024))} KB</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted">恢复会用所选的备份替换年度文件；替换前，当前的文件也会先备份一份，随时可以再换回来。</p>
      <FormError message={error} />
      <div className="buttons">
        <button type="button" onClick={props.onClose}>
          取消
        </button>
        <button type="button" className="primary" disabled={!chosen} onClick={() => void restore()}>
          恢复所选备份
        </button>
      </div>
    </Dialog>
  );
}
