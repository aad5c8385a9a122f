// 新建年度: the fiscal year and the indicator framework the year's tables use. The file is made in the data folder
// and opened.
import { useState } from 'react';
import { FRAMEWORKS, type FrameworkId } from '../../../shared/frameworks.ts';
import type { YearFacts } from '../../../shared/views.ts';
import { ApiError, call } from '../api/client.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { FormError } from '../ui/FormError.tsx';

export function NewYearDialog(props: { onClose: () => void; onCreated: (facts: YearFacts) => void }) {
  const [year, setYear] = useState(String(new Date().getFullYear() + 1));
  const [framework, setFramework] = useState<FrameworkId>('A');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const n = Number(year.trim());
    if (!/^\d{4}$/.test(year.trim()) || n < 1990 || n > 2200) {
      setError('请填写四位数的年度，如 2026');
      return;
    }
    setBusy(true);
    try {
      props.onCreated(await call('app.newYear', { fiscalYear: n, framework }));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title="新建年度" onClose={props.onClose}>
      <form onSubmit={(e) => void submit(e)} className="form">
        <label>
          年度
          <input autoFocus inputMode="numeric" value={year} onChange={(e) => setYear(e.target.value)} />
        </label>
        <label htmlFor="new-year-framework">指标体系</label>
        <select id="new-year-framework" value={framework} onChange={(e) => setFramework(e.target.value as FrameworkId)}>
            {Object.values(FRAMEWORKS).map((f) => (
              <option key={f.id} value={f.id}>
                {f.id}：{f.title}
              </option>
            ))}
        </select>
        <FormError message={error} />
        <div className="buttons">
          <button type="button" onClick={props.onClose}>
            取消
          </button>
          <button type="submit" className="primary" disabled={busy}>
            新建
          </button>
        </div>
      </form>
    </Dialog>
  );
}
