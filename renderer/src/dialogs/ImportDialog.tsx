// 导入: last year's tables (xlsx, and the older formats the importer reads) into the open year or into a new year
// file. A preview first — units, projects, amounts, indicator counts, every warning with its sheet and cell, and the
// projects the year already has (matched by code, else by name) with the choice of what to do with them — and only
// then the import, with progress and a cancel that leaves the year as it was.

import { useRef, useState } from 'react';
import type { ImportJobResult, ImportPolicy, ImportPreview } from '../../../shared/api.ts';
import type { YearFacts } from '../../../shared/views.ts';
import { ApiError, call, chooseImportFiles, hostKind } from '../api/client.ts';
import { followJob, JobCancelledError, type JobHandle } from '../api/jobs.ts';
import { moneyText } from '../grid/columns.ts';
import { workspace } from '../state/workspace.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { ProgressBar } from '../ui/ProgressBar.tsx';
import { FormError } from '../ui/FormError.tsx';

type Step = 'choose' | 'preview' | 'running' | 'done';

const ACCEPT = '.xlsx,.xls,.xml,.et,.ods';

function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(new ApiError(`无法读取“${file.name}”`));
    r.readAsDataURL(file);
  });
}

export function ImportDialog(props: { year: YearFacts | null; onClose: () => void; onDone: (openedNew: boolean) => void }) {
  const browser = hostKind() === 'browser';
  const [files, setFiles] = useState<{ id: string; name: string }[]>([]);
  const [target, setTarget] = useState<'open' | 'new'>(props.year ? 'open' : 'new');
  const [newYear, setNewYear] = useState(String((props.year?.fiscalYear ?? new Date().getFullYear()) - (props.year ? 0 : 1)));
  const [department, setDepartment] = useState('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [policy, setPolicy] = useState<ImportPolicy>('skip');
  const [step, setStep] = useState<Step>('choose');
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [error, setError] = useState<{ message: string; details: readonly string[] } | null>(null);
  const [progress, setProgress] = useState({ done: 0, total: 1, label: '' });
  const [result, setResult] = useState<ImportJobResult | null>(null);
  const job = useRef<JobHandle<ImportJobResult> | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const fail = (e: unknown) => setError({ message: e instanceof ApiError ? e.message : String(e), details: e instanceof ApiError ? e.details : [] });

  const pickBrowserFiles = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    setBusy(true);
    try {
      const payload = await Promise.all([...list].map(async (f) => ({ name: f.name, base64: await base64Of(f) })));
      setFiles([...files, ...(await call('import.addFiles', { files: payload }))]);
      setError(null);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const pickDesktopFiles = async () => {
    try {
      const chosen = await chooseImportFiles();
      if (chosen) setFiles([...files, ...chosen]);
    } catch (e) {
      fail(e);
    }
  };

  const request = () => ({
    files: files.map((f) => f.id),
    target,
    ...(target === 'new' ? { fiscalYear: Number(newYear) } : {}),
    ...(department.trim() ? { department: department.trim() } : {}),
  });

  const showPreview = async () => {
    if (files.length === 0) {
      setError({ message: '请先选择要导入的文件', details: [] });
      return;
    }
    if (target === 'new' && !/^\d{4}$/.test(newYear.trim())) {
      setError({ message: '请填写四位数的年度，如 2025', details: [] });
      return;
    }
    setBusy(true);
    try {
      setPreview(await call('import.preview', request()));
      setError(null);
      setStep('preview');
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const start = () => {
    const handle = followJob<ImportJobResult>(call('import.start', { ...request(), policy }), setProgress);
    job.current = handle;
    setStep('running');
    handle.done.then(
      (r) => {
        setResult(r);
        setStep('done');
        void call('import.clear', {});
      },
      (e: unknown) => {
        setStep('preview');
        if (e instanceof JobCancelledError) workspace.notify('已取消导入，年度文件没有任何改动');
        else fail(e);
      },
    );
  };

  const errorBox = <FormError message={error?.message} details={error?.details} />;

  if (step === 'running') {
    return (
      <Dialog title="导入" onClose={() => void job.current?.cancel()}>
        <ProgressBar {...progress} />
        <div className="buttons">
          <button type="button" onClick={() => void job.current?.cancel()}>
            取消
          </button>
        </div>
      </Dialog>
    );
  }

  if (step === 'done' && result) {
    return (
      <Dialog title="导入完成" onClose={() => props.onDone(target === 'new')}>
        <p>
          已导入 {result.projects} 个项目、{result.indicators} 条指标
          {result.replaced > 0 ? `，替换了 ${result.replaced} 个已有项目` : ''}
          {result.skipped > 0 ? `，跳过了 ${result.skipped} 个已有项目` : ''}。
        </p>
        {result.warnings > 0 && <p className="muted">导入时有 {result.warnings} 条提示，建议打开“审核”逐项核对。</p>}
        <p className="muted">{target === 'open' ? '这是一步操作：可用“撤销”全部取消。' : `新年度文件：${result.path}（已打开）`}</p>
        <div className="buttons">
          <button type="button" className="primary" autoFocus onClick={() => props.onDone(target === 'new')}>
            关闭
          </button>
        </div>
      </Dialog>
    );
  }

  if (step === 'preview' && preview) {
    const existing = preview.projects.filter((p) => p.existing);
    const total = preview.projects.reduce((n, p) => n + p.total, 0);
    const indicators = preview.projects.reduce((n, p) => n + p.indicators, 0);
    return (
      <Dialog title="导入预览" onClose={props.onClose} wide>
        <p>
          将导入到：{preview.target.kind === 'open' ? `当前年度（${preview.target.path}）` : `新建 ${preview.fiscalYear} 年度文件（${preview.target.path}）`}
        </p>
        {preview.target.kind === 'new' && preview.target.exists && <p className="form-error">数据文件夹中已有这个文件：请打开它后导入到当前年度。</p>}
        <p>
          {preview.departments.length} 个部门，{preview.projects.length} 个项目（合计 {moneyText(total) || '0.00'} 万元），{indicators} 条指标
          {preview.departments.some((d) => d.hasOverall) ? '，含部门整体绩效目标' : ''}；指标体系 {preview.framework}。
        </p>
        <ul className="sheet-list">
          {preview.sheets.map((s) => (
            <li key={`${s.source}-${s.sheet}`}>
              {s.source} › {s.sheet}：{s.template ? `${s.template}，${s.projects} 个项目，${s.indicators} 条指标` : '未识别，跳过'}
            </li>
          ))}
        </ul>
        {preview.warnings.length > 0 && (
          <details open={preview.warnings.length <= 12}>
            <summary>{preview.warnings.length} 条提示（按工作表和单元格）</summary>
            <ul className="warning-list" aria-label="导入提示">
              {preview.warnings.map((w, i) => (
                <li key={i}>
                  <span className="where">{w.where}</span> {w.message}
                </li>
              ))}
            </ul>
          </details>
        )}
        <div className="preview-projects">
          <table className="list" aria-label="将导入的项目">
            <thead>
              <tr>
                <th>单位</th>
                <th>项目</th>
                <th>金额（万元）</th>
                <th>指标数</th>
                <th>年度文件中</th>
              </tr>
            </thead>
            <tbody>
              {preview.projects.map((p, i) => (
                <tr key={i}>
                  <td className="muted">{p.unit}</td>
                  <td>{p.name || '（未命名）'}</td>
                  <td className="num">{moneyText(p.total)}</td>
                  <td className="num">{p.indicators}</td>
                  <td>{p.existing ? `已有（${p.existing.by === 'code' ? '编码相同' : '名称相同'}）` : '新项目'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {existing.length > 0 && (
          <fieldset className="inline policy">
            <legend>已有的 {existing.length} 个项目：</legend>
            {(
              [
                ['skip', '跳过（保留年度文件中的）'],
                ['replace', '用导入的替换'],
                ['add', '另加为新项目'],
              ] as const
            ).map(([k, label]) => (
              <label key={k} className="radio">
                <input type="radio" name="policy" checked={policy === k} onChange={() => setPolicy(k)} />
                {label}
              </label>
            ))}
          </fieldset>
        )}
        {errorBox}
        <div className="buttons">
          <button type="button" onClick={() => setStep('choose')}>
            上一步
          </button>
          <button type="button" className="primary" onClick={start} disabled={preview.target.kind === 'new' && preview.target.exists}>
            导入
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title="导入" onClose={props.onClose} wide>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void showPreview();
        }}
      >
        <p className="muted">可导入项目支出绩效目标表（T1）、项目绩效目标表（T2）、部门整体预算绩效目标表（T3），xlsx 以及一体化系统导出的 xls/xml、WPS 的 et、ods。</p>
        <div
          className={`file-pick${dragging ? ' dragging' : ''}`}
          aria-label="把文件拖到这里"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            // Dropped files are handed over as bytes, the same way in the browser and in the desktop app.
            e.preventDefault();
            setDragging(false);
            void pickBrowserFiles(e.dataTransfer.files);
          }}
        >
          {browser ? (
            <>
              {/* The browser's own file button speaks the browser's language, not always Chinese: ours stands in for it. */}
              <input
                ref={fileInput}
                className="visually-hidden"
                type="file"
                multiple
                accept={ACCEPT}
                aria-label="选择要导入的文件"
                onChange={(e) => {
                  void pickBrowserFiles(e.target.files);
                  e.target.value = '';
                }}
              />
              <button type="button" onClick={() => fileInput.current?.click()}>
                选择文件…
              </button>
            </>
          ) : (
            <button type="button" onClick={() => void pickDesktopFiles()}>
              选择文件…
            </button>
          )}
          <span className="muted">{busy ? '正在读取…' : '或把文件拖到这里'}</span>
        </div>
        {files.length > 0 && (
          <ul className="file-list" aria-label="已选择的文件">
            {files.map((f) => (
              <li key={f.id}>
                {f.name}
                <button type="button" className="link" onClick={() => setFiles(files.filter((x) => x.id !== f.id))}>
                  移除
                </button>
              </li>
            ))}
          </ul>
        )}
        <fieldset className="inline">
          <legend>导入到</legend>
          <label className="radio">
            <input type="radio" name="target" checked={target === 'open'} disabled={!props.year} onChange={() => setTarget('open')} />
            当前年度{props.year ? `（${props.year.fiscalYear} 年度）` : '（未打开）'}
          </label>
          <label className="radio">
            <input type="radio" name="target" checked={target === 'new'} onChange={() => setTarget('new')} />
            新建年度文件
          </label>
          {target === 'new' && (
            <label className="inline-field">
              年度
              <input inputMode="numeric" value={newYear} onChange={(e) => setNewYear(e.target.value)} />
            </label>
          )}
        </fieldset>
        <label>
          部门名称（项目绩效目标表只写单位时填写，可不填）
          <input value={department} onChange={(e) => setDepartment(e.target.value)} />
        </label>
        {errorBox}
        <div className="buttons">
          <button type="button" onClick={props.onClose}>
            取消
          </button>
          <button type="submit" className="primary" disabled={busy || files.length === 0}>
            预览
          </button>
        </div>
      </form>
    </Dialog>
  );
}
