// Chooses an indicator's (一级, 二级) pair among those the year's framework allows — for 新增指标 and to move
// indicators to another category. Arrow keys move through the list, Enter chooses.
import { useState } from 'react';
import type { Framework } from '../../../shared/frameworks.ts';
import { Dialog } from '../ui/Dialog.tsx';

export interface LevelPair {
  level1: string;
  level2: string;
}

export function LevelPicker(props: {
  title: string;
  framework: Framework;
  initial: LevelPair | null;
  confirm: string;
  onClose: () => void;
  onChoose: (pair: LevelPair) => void;
}) {
  const pairs = props.framework.level1.flatMap((l1) => l1.level2.map((l2) => ({ level1: l1.name, level2: l2.name })));
  const key = (p: LevelPair) => `${p.level1}|${p.level2}`;
  const start = props.initial && pairs.some((p) => key(p) === key(props.initial as LevelPair)) ? key(props.initial) : key(pairs[0] as LevelPair);
  const [chosen, setChosen] = useState(start);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const p = pairs.find((x) => key(x) === chosen);
    if (p) props.onChoose(p);
  };

  return (
    <Dialog title={props.title} onClose={props.onClose}>
      <form className="form level-picker" onSubmit={submit}>
        <p className="muted">指标体系 {props.framework.id}：{props.framework.title}</p>
        {props.framework.level1.map((l1) => (
          <fieldset key={l1.name}>
            <legend>{l1.name}</legend>
            {l1.level2.map((l2) => {
              const k = `${l1.name}|${l2.name}`;
              return (
                <label key={k} className="radio">
                  <input type="radio" name="level" value={k} checked={chosen === k} autoFocus={start === k} onChange={() => setChosen(k)} />
                  {l2.name}
                </label>
              );
            })}
          </fieldset>
        ))}
        <div className="buttons">
          <button type="button" onClick={props.onClose}>
            取消
          </button>
          <button type="submit" className="primary">
            {props.confirm}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
