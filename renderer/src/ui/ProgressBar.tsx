// A long operation's progress: a bar and a line saying what is being done.
export function ProgressBar(props: { label: string; done: number; total: number }) {
  const pct = props.total > 0 ? Math.min(100, Math.round((props.done / props.total) * 100)) : 0;
  return (
    <div className="progress">
      <div className="progress-track" role="progressbar" aria-label="进度" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-valuetext={props.label}>
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
      <div className="progress-label">{props.label}</div>
    </div>
  );
}
