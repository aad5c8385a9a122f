// Home: the year files of the data folder (year, framework, projects, last change), the recent files, and the way
// in — 新建年度, 打开, 打开示例年度. In Electron, 打开 shows the system dialog; in browser mode the officer picks
// from the list or types a path.
import { useCallback, useEffect, useState } from 'react';
import type { HomeState } from '../../../../shared/api.ts';
import type { YearFacts } from '../../../../shared/views.ts';
import { ApiError, call, chooseDataDir, chooseYearFile } from '../../api/client.ts';
import { workspace } from '../../state/workspace.ts';

function when(iso: string): string {
  const d = new Date(iso);
  return `${d.toLocaleDateString('zh-CN')} ${d.toLocaleTimeString('zh-CN', { hour12: false, hour: '2-digit', minute: '2-digit' })}`;
}

export function HomeScreen(props: {
  onOpened: (facts: YearFacts | null) => void;
  onNewYear: () => void;
  onSample: () => void;
  onImport: () => void;
  onRestore: () => void;
  /** A year file that would not open because it is damaged: its backups are offered. */
  onDamaged: (file: string, message: string) => void;
}) {
  const [home, setHome] = useState<HomeState | null>(null);
  const [path, setPath] = useState('');
  const [dirInput, setDirInput] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setHome(await call('app.home', {}));
    } catch (e) {
      workspace.notify(e instanceof ApiError ? e.message : String(e), 'error');
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const run = async (fn: () => Promise<YearFacts | null>, file?: string) => {
    try {
      props.onOpened(await fn());
    } catch (e) {
      if (e instanceof ApiError && e.code === 'year-damaged' && file) props.onDamaged(file, e.message);
      else workspace.notify(e instanceof ApiError ? e.message : String(e), 'error', e instanceof ApiError ? e.details : []);
      void load();
    }
  };

  const open = () => {
    if (!home) return;
    if (!home.pathsFromPage) {
      void run(chooseYearFile);
      return;
    }
    if (path.trim() === '') {
      workspace.notify('请在下方输入年度文件的路径，或在列表中选择');
      document.getElementById('open-path')?.focus();
      return;
    }
    void run(() => call('app.openYear', { file: path.trim() }), path.trim());
  };

  const changeDir = async () => {
    if (!home) return;
    try {
      if (!home.pathsFromPage) {
        const next = await chooseDataDir();
        if (next) setHome(next);
      } else if (dirInput !== null && dirInput.trim() !== '') {
        setHome(await call('app.setDataDir', { dir: dirInput.trim() }));
        setDirInput(null);
      } else {
        setDirInput(home.dataDir);
      }
    } catch (e) {
      workspace.notify(e instanceof ApiError ? e.message : String(e), 'error');
    }
  };

  return (
    <div className="home">
      <section className="home-actions" aria-label="开始">
        <h1>绩效目标表编辑器</h1>
        <p className="lead">每个财政年度保存为一个文件，可复制、备份、发送；所有修改即时保存，可撤销。</p>
        <div className="buttons">
          <button type="button" className="primary" onClick={props.onNewYear}>
            新建年度
          </button>
          <button type="button" onClick={open}>
            打开
          </button>
          <button type="button" onClick={props.onSample}>
            打开示例年度
          </button>
          <button type="button" onClick={props.onImport} title="把上年的表格导入为一个新的年度文件">
            导入
          </button>
          {home?.open && (
            <button type="button" onClick={props.onRestore} title="用自动备份替换当前打开的年度文件">
              恢复备份…
            </button>
          )}
        </div>
        {home?.pathsFromPage && (
          <label className="path-field">
            文件路径
            <input
              id="open-path"
              value={path}
              placeholder="如 D:\绩效目标\2026年绩效目标.db"
              onChange={(e) => setPath(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') open();
              }}
            />
          </label>
        )}
      </section>

      <section aria-label="数据文件夹" className="home-list">
        <h2>
          数据文件夹
          <span className="muted" title={home?.dataDir}>
            {home?.dataDir}
          </span>
          <button type="button" className="link" onClick={() => void changeDir()}>
            {dirInput !== null ? '使用此文件夹' : '更改…'}
          </button>
        </h2>
        {dirInput !== null && (
          <label className="path-field">
            数据文件夹
            <input value={dirInput} onChange={(e) => setDirInput(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && void changeDir()} />
          </label>
        )}
        {home && home.years.length === 0 ? (
          <p className="muted">这里还没有年度文件。点“新建年度”开始，或“打开示例年度”先看一看。</p>
        ) : (
          <table className="list">
            <thead>
              <tr>
                <th>年度</th>
                <th>指标体系</th>
                <th>项目数</th>
                <th>最后修改</th>
                <th>文件</th>
              </tr>
            </thead>
            <tbody>
              {home?.years.map((y) => (
                <tr key={y.path} className={y.problem ? 'problem' : ''}>
                  <td>
                    {y.problem ? (
                      '—'
                    ) : (
                      <button type="button" className="link" onClick={() => void run(() => call('app.openYear', { file: home.pathsFromPage ? y.path : y.name }), home.pathsFromPage ? y.path : y.name)}>
                        {y.fiscalYear} 年度
                      </button>
                    )}
                  </td>
                  <td>{y.framework ?? ''}</td>
                  <td className="num">{y.projects ?? ''}</td>
                  <td>{when(y.modified)}</td>
                  <td title={y.problem ?? y.path}>
                    {y.name}
                    {home.open?.path === y.path && <span className="tag current">当前打开</span>}
                    {y.problem && <div className="problem-text">{y.problem}</div>}
                    {y.damaged && (
                      <button type="button" className="link" onClick={() => props.onDamaged(home.pathsFromPage ? y.path : y.name, y.problem ?? '')}>
                        用备份恢复…
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {home && home.recent.length > 0 && (
        <section aria-label="最近打开" className="home-list">
          <h2>最近打开</h2>
          <ul className="recent">
            {home.recent.map((r) => (
              <li key={r.path}>
                {r.exists ? (
                  <button type="button" className="link" onClick={() => void run(() => call('app.openYear', { file: r.path }), r.path)}>
                    {r.path}
                  </button>
                ) : (
                  <span className="muted" title="文件已不在原处">
                    {r.path}（已不存在）
                  </span>
                )}
                <span className="muted"> {when(r.opened)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
