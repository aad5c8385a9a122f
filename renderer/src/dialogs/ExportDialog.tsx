// 导出: which tables (T1 / T2 / T3), T1's 绩效指标 grammar, T2 stacked or one sheet per project, fonts, where and
// under which names — the last choices come back from the year file. Before exporting it says what 审核 still finds
// (and asks when there are errors); while exporting it shows progress and can be cancelled; when done it opens the
// folder (desktop) or hands the files to the browser's download.

import { useEffect, useState } from 'react';
import type { ExportChoices, ExportDefaults, ExportJobResult, TableId } from '../../../shared/api.ts';
import { DEFAULT_FONTS } from '../../../shared/export/sheet.ts';
import { ApiError, call, chooseExportDir, hostKind, showInFolder } from '../api/client.ts';
import { followJob, JobCancelledError, type JobHandle } from '../api/jobs.ts';
import { workspace } from '../state/workspace.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { ProgressBar } from '../ui/ProgressBar.tsx';
import { FormError } from '../ui/FormError.tsx';

const TABLE_LABEL: Readonly<Record<TableId, string>> = {
  summary: '项目支出绩效目标表（T1）',
  project: '项目绩效目标表（T2）',
  overall: '部门整体预算绩效目标表（T3）',
};

type Stage =
  | { kind: 'form' }
  | { kind: 'confirm-errors'; errors: number }
  | { kind: 'confirm-replace'; names: readonly string[] }
  | { kind: 'running'; progress: { done: number; total: number; label: string } }
  | { kind: 'done'; result: ExportJobResult }
  | { kind: 'failed'; message: string; details: readonly string[] };

function downloadFile(name: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ExportDialog(props: { onClose: () => void }) {
  const browser = hostKind() === 'browser';
  const [defaults, setDefaults] = useState<ExportDefaults | null>(null);
  const [choices, setChoices] = useState<ExportChoices | null>(null);
  const [names, setNames] = useState<Record<TableId, string> | null>(null);
  const [download, setDownload] = useState(browser);
  const [stage, setStage] = useState<Stage>({ kind: 'form' });
  const [job, setJob] = useState<JobHandle<ExportJobResult> | null>(null);

  useEffect(() => {
    call('export.defaults', {}).then(
      (d) => {
        setDefaults(d);
        setChoices({ ...d.choices, tables: d.choices.tables.filter((t) => d.available.includes(t)) });
        setNames(d.names);
      },
      (e: unknown) => setStage({ kind: 'failed', message: e instanceof ApiError ? e.message : String(e), details: [] }),
    );
  }, []);

  if (!defaults || !choices || !names) {
    return (
      <Dialog title="导出" onClose={props.onClose}>
        {stage.kind === 'failed' ? <p className="form-error">{stage.message}</p> : <p className="muted">正在读取…</p>}
      </Dialog>
    );
  }

  const set = (patch: Partial<ExportChoices>) => setChoices({ ...choices, ...patch });
  const toggle = (t: TableId, on: boolean) => set({ tables: on ? [...choices.tables, t].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b)) : choices.tables.filter((x) => x !== t) });

  const start = (overwrite: boolean) => {
    const handle = followJob<ExportJobResult>(
      call('export.start', {
        tables: choices.tables,
        style: choices.style,
        layout: choices.layout,
        fontNames: choices.fontNames,
        dir: choices.dir,
        names: Object.fromEntries(choices.tables.map((t) => [t, names[t]])),
        ...(overwrite ? { overwrite: true } : {}),
        ...(download ? { download: true } : {}),
      }),
      (progress) => setStage({ kind: 'running', progress }),
    );
    setJob(handle);
    setStage({ kind: 'running', progress: { done: 0, total: 1, label: '正在开始…' } });
    handle.done.then(
      (result) => {
        setStage({ kind: 'done', result });
        for (const f of result.files) if (f.base64) downloadFile(f.name, f.base64);
        workspace.notify(`已导出 ${result.files.map((f) => f.name).join('、')}`);
      },
      (e: unknown) => {
        if (e instanceof JobCancelledError) {
          setStage({ kind: 'form' });
          workspace.notify('已取消导出，没有写入任何文件');
        } else if (e instanceof ApiError && e.code === 'target-exists') {
          setStage({ kind: 'confirm-replace', names: e.details });
        } else {
          setStage({ kind: 'failed', message: e instanceof ApiError ? e.message : String(e), details: e instanceof ApiError ? e.details : [] });
        }
      },
    );
  };

  /** 审核 first: warnings are said, errors asked about. */
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const { error: errors } = await workspace.check();
    if (errors > 0) setStage({ kind: 'confirm-errors', errors });
    else start(false);
  };

  const { warning: warnings, error: errors } = workspace.findingCounts;

  if (stage.kind === 'running') {
    return (
      <Dialog title="导出" onClose={() => void job?.cancel()}>
        <ProgressBar label={stage.progress.label} done={stage.progress.done} total={stage.progress.total} />
        <div className="buttons">
          <button type="button" onClick={() => void job?.cancel()}>
            取消
          </button>
        </div>
      </Dialog>
    );
  }
  if (stage.kind === 'done') {
    return (
      <Dialog title="导出完成" onClose={props.onClose}>
        <ul className="file-list">
          {stage.result.files.map((f) => (
            <li key={f.name}>
              {f.name}（{f.sheets.length} 张工作表，{Math.max(1, Math.round(f.bytes / 1024))} KB）
              {f.path && !browser && (
                <button type="button" className="link" onClick={() => void showInFolder(f.path as string)}>
                  在文件夹中显示
                </button>
              )}
              {f.path && browser && <div className="muted">{f.path}</div>}
            </li>
          ))}
        </ul>
        {download && <p className="muted">文件已交给浏览器下载。</p>}
        <div className="buttons">
          <button type="button" className="primary" autoFocus onClick={props.onClose}>
            关闭
          </button>
        </div>
      </Dialog>
    );
  }
  if (stage.kind === 'confirm-errors' || stage.kind === 'confirm-replace') {
    const replacing = stage.kind === 'confirm-replace';
    return (
      <Dialog title={replacing ? '替换已有的文件？' : '审核还有错误'} onClose={() => setStage({ kind: 'form' })}>
        {replacing ? (
          <>
            <p>导出的文件夹中已有这些文件：</p>
            <ul>
              {stage.names.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          </>
        ) : (
          <p>审核发现 {stage.errors} 个错误。这样导出的表格提交后可能被退回。仍要导出吗？</p>
        )}
        <div className="buttons">
          <button type="button" onClick={() => setStage({ kind: 'form' })}>
            {replacing ? '不替换' : '先去改正'}
          </button>
          <button type="button" className="primary" autoFocus onClick={() => start(replacing)}>
            {replacing ? '替换' : '仍要导出'}
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title="导出" onClose={props.onClose} wide>
      <form className="form export-form" onSubmit={(e) => void submit(e)}>
        <fieldset>
          <legend>表格</legend>
          {ORDER.map((t) => (
            <div key={t} className="table-choice">
              <label className="radio">
                <input type="checkbox" checked={choices.tables.includes(t)} disabled={!defaults.available.includes(t)} onChange={(e) => toggle(t, e.target.checked)} />
                {TABLE_LABEL[t]}
                {!defaults.available.includes(t) && <span className="muted">（年度文件中没有{t === 'overall' ? '部门整体绩效目标' : '项目'}）</span>}
              </label>
              {choices.tables.includes(t) && !download && (
                <label className="file-name">
                  文件名（{TABLE_LABEL[t].slice(-3, -1)}）
                  <input value={names[t]} onChange={(e) => setNames({ ...names, [t]: e.target.value })} />
                </label>
              )}
            </div>
          ))}
        </fieldset>
        <div className="row">
          <label>
            T1 绩效指标文字格式
            <select value={choices.style} onChange={(e) => set({ style: e.target.value as ExportChoices['style'] })}>
              <option value="A">A：1、产出指标：名称，年度指标值：…</option>
              <option value="B">B：1、1-产出指标,11-数量指标,名称；…</option>
              <option value="C">C：1.1-产出指标:11-数量指标:名称;…</option>
            </select>
          </label>
          <label>
            T2 排版
            <select value={choices.layout} onChange={(e) => set({ layout: e.target.value as ExportChoices['layout'] })}>
              <option value="stacked">全部项目在一张工作表（逐项分页）</option>
              <option value="sheets">每个项目一张工作表</option>
            </select>
          </label>
        </div>
        <div className="row">
          {(['title', 'header', 'body'] as const).map((k) => (
            <label key={k}>
              {k === 'title' ? '标题字体' : k === 'header' ? '表头字体' : '正文字体'}
              <input
                value={choices.fontNames[k] ?? ''}
                placeholder={DEFAULT_FONTS[k].name}
                onChange={(e) => set({ fontNames: { ...choices.fontNames, ...(e.target.value.trim() ? { [k]: e.target.value } : { [k]: undefined }) } })}
              />
            </label>
          ))}
        </div>
        {browser && (
          <label className="radio">
            <input type="checkbox" checked={download} onChange={(e) => setDownload(e.target.checked)} />
            由浏览器下载（不勾选则保存到下面的文件夹）
          </label>
        )}
        {!download && (
          <div className="row folder">
            <label>
              导出到文件夹
              <input value={choices.dir} readOnly={!browser} onChange={(e) => set({ dir: e.target.value })} />
            </label>
            {!browser && (
              <button
                type="button"
                onClick={() =>
                  void chooseExportDir().then((dir) => {
                    if (dir) set({ dir });
                  })
                }
              >
                选择文件夹…
              </button>
            )}
          </div>
        )}
        {(errors > 0 || warnings > 0) && (
          <p className={errors > 0 ? 'form-error' : 'muted'}>
            审核：{errors} 个错误，{warnings} 个警告。{errors > 0 ? '建议先在“审核”中改正错误。' : '可在“审核”中查看警告。'}
          </p>
        )}
        {stage.kind === 'failed' && <FormError message={stage.message} details={stage.details} />}
        <div className="buttons">
          <button type="button" onClick={props.onClose}>
            取消
          </button>
          <button type="submit" className="primary" disabled={choices.tables.length === 0}>
            导出
          </button>
        </div>
      </form>
    </Dialog>
  );
}

const ORDER: readonly TableId[] = ['summary', 'project', 'overall'];
