// 结转到下一年度: choose the projects to carry (新增 / 延续 shown) and whether amounts are kept or cleared, then review
// every text whose year changes (before → after) before the new year file is written; it opens when done.

import { useEffect, useMemo, useState } from 'react';
import type { RollForwardPreview } from '../../../shared/api.ts';
import type { YearFacts } from '../../../shared/views.ts';
import { ApiError, call } from '../api/client.ts';
import { followJob, JobCancelledError, type JobHandle } from '../api/jobs.ts';
import { workspace } from '../state/workspace.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { ProgressBar } from '../ui/ProgressBar.tsx';
import { FormError } from '../ui/FormError.tsx';

type Step = 'choose' | 'review' | 'running';

export function RollForwardDialog(props: { year: YearFacts; onClose: () => void; onDone: () => void }) {
  const [toYear, setToYear] = useState(String(props.year.fiscalYear + 1));
  const [keepAmounts, setKeepAmounts] = useState(false);
  const [preview, setPreview] = useState<RollForwardPreview | null>(null);
  const [chosen, setChosen] = useState<Set<number> | null>(null);
  const [step, setStep] = useState<Step>('choose');
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState({ done: 0, total: 1, label: '' });
  const [job, setJob] = useState<JobHandle<{ path: string }> | null>(null);
  const year = Number(toYear);
  const yearOk = /^\d{4}$/.test(toYear.trim()) && year > props.year.fiscalYear && year <= props.year.fiscalYear + 10;

  // The project list (and 新增 / 延续) comes from a first preview of all projects.
  useEffect(() => {
    call('rollforward.preview', { toYear: props.year.fiscalYear + 1, keepAmounts: false }).then(
      (p) => {
        setPreview(p);
        setChosen(new Set(p.projects.map((x) => x.id)));
      },
      (e: unknown) => setError(e instanceof ApiError ? e.message : String(e)),
    );
  }, [props.year.fiscalYear]);

  const selection = useMemo(() => (chosen ? [...chosen] : []), [chosen]);

  const review = async () => {
    if (!yearOk) {
      setError(`新年度应在 ${props.year.fiscalYear + 1} 到 ${props.year.fiscalYear + 10} 之间`);
      return;
    }
    try {
      setPreview(await call('rollforward.preview', { toYear: year, keepAmounts, projectIds: selection }));
      setError(null);
      setStep('review');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };

  const start = () => {
    const handle = followJob<{ path: string }>(call('rollforward.start', { toYear: year, keepAmounts, projectIds: selection }), setProgress);
    setJob(handle);
    setStep('running');
    handle.done.then(
      (r) => {
        workspace.notify(`已结转生成 ${year} 年度文件并打开：${r.path}`);
        props.onDone();
      },
      (e: unknown) => {
        setStep('review');
        if (e instanceof JobCancelledError) workspace.notify('已取消结转，没有生成新的年度文件');
        else setError(e instanceof ApiError ? e.message : String(e));
      },
    );
  };

  if (step === 'running') {
    return (
      <Dialog title="结转到下一年度" onClose={() => void job?.cancel()}>
        <ProgressBar {...progress} />
        <div className="buttons">
          <button type="button" onClick={() => void job?.cancel()}>
            取消
          </button>
        </div>
      </Dialog>
    );
  }

  if (step === 'review' && preview) {
    return (
      <Dialog title="核对结转内容" onClose={props.onClose} wide>
        <p>
          由 {preview.from} 年度结转生成 {preview.to} 年度：{preview.carried} 个项目、{preview.indicators} 条指标，金额{keepAmounts ? '保留' : '清空'}；
          上年的年度指标值留作“上年指标值”，空着的指标值确定依据填“历史标准”。
        </p>
        <p className="muted">新文件：{preview.target}</p>
        {preview.targetExists && <p className="form-error">这个文件已存在：结转不会覆盖它。请先把它改名或移走。</p>}
        <h3 className="small-title">顺延年份的文字（{preview.changes.length} 处，请逐一核对）</h3>
        <div className="change-report">
          <table className="list" aria-label="顺延年份的文字">
            <thead>
              <tr>
                <th>位置</th>
                <th>原文</th>
                <th>结转后</th>
              </tr>
            </thead>
            <tbody>
              {preview.changes.map((c, i) => (
                <tr key={i}>
                  <td className="muted">{c.where}</td>
                  <td>{c.before}</td>
                  <td>{c.after}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {preview.changes.length === 0 && <p className="muted">没有需要顺延年份的文字。</p>}
        </div>
        <FormError message={error} />
        <div className="buttons">
          <button type="button" onClick={() => setStep('choose')}>
            上一步
          </button>
          <button type="button" className="primary" disabled={preview.targetExists} onClick={start}>
            确认结转
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title="结转到下一年度" onClose={props.onClose} wide>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void review();
        }}
      >
        <div className="row-inline">
          <label>
            新年度
            <input inputMode="numeric" value={toYear} onChange={(e) => setToYear(e.target.value)} />
          </label>
          <fieldset className="inline">
            <legend>金额和资金支出计划</legend>
            <label className="radio">
              <input type="radio" name="amounts" checked={!keepAmounts} onChange={() => setKeepAmounts(false)} />
              清空（新年度重新填写）
            </label>
            <label className="radio">
              <input type="radio" name="amounts" checked={keepAmounts} onChange={() => setKeepAmounts(true)} />
              保留
            </label>
          </fieldset>
        </div>
        {preview && chosen ? (
          <div className="project-choice">
            <label className="radio">
              <input
                type="checkbox"
                checked={chosen.size === preview.projects.length}
                onChange={(e) => setChosen(new Set(e.target.checked ? preview.projects.map((p) => p.id) : []))}
              />
              全部项目（已选 {chosen.size} / {preview.projects.length}）
            </label>
            <table className="list" aria-label="要结转的项目">
              <thead>
                <tr>
                  <th />
                  <th>项目</th>
                  <th>单位</th>
                  <th>类型</th>
                  <th>指标数</th>
                </tr>
              </thead>
              <tbody>
                {preview.projects.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`结转 ${p.name}`}
                        checked={chosen.has(p.id)}
                        onChange={(e) => {
                          const next = new Set(chosen);
                          if (e.target.checked) next.add(p.id);
                          else next.delete(p.id);
                          setChosen(next);
                        }}
                      />
                    </td>
                    <td>{p.name || '（未命名项目）'}</td>
                    <td className="muted">{p.unit}</td>
                    <td>{p.kind}</td>
                    <td className="num">{p.indicators}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          !error && <p className="muted">正在读取项目…</p>
        )}
        <FormError message={error} />
        <div className="buttons">
          <button type="button" onClick={props.onClose}>
            取消
          </button>
          <button type="submit" className="primary" disabled={!preview}>
            下一步：核对
          </button>
        </div>
      </form>
    </Dialog>
  );
}
