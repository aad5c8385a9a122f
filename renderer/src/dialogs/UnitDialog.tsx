// 新增单位: a 资金使用单位 under a department — an existing one, or a new department named here (a new year has
// none yet; in most offices the unit bears the department's own name, so that is the suggestion).
import { useState } from 'react';
import type { DepartmentRow } from '../../../shared/views.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { FormError } from '../ui/FormError.tsx';

export interface UnitChoice {
  departmentId: number | null;
  departmentName: string;
  unitName: string;
}

export function UnitDialog(props: {
  departments: readonly DepartmentRow[];
  defaultDepartmentId: number | null;
  onClose: () => void;
  onSubmit: (choice: UnitChoice) => void;
}) {
  const NEW = 'new';
  const [dept, setDept] = useState<string>(props.defaultDepartmentId !== null ? String(props.defaultDepartmentId) : props.departments[0] ? String(props.departments[0].id) : NEW);
  const [deptName, setDeptName] = useState('');
  const [unitName, setUnitName] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const d = dept === NEW ? null : Number(dept);
    const dn = deptName.trim();
    const un = unitName.trim() || (d === null ? dn : '');
    if (d === null && dn === '') {
      setError('请填写部门名称');
      return;
    }
    if (un === '') {
      setError('请填写单位名称');
      return;
    }
    props.onSubmit({ departmentId: d, departmentName: dn, unitName: un });
  };

  return (
    <Dialog title="新增单位" onClose={props.onClose}>
      <form className="form" onSubmit={submit}>
        <label htmlFor="unit-department">所属部门</label>
        <select id="unit-department" value={dept} onChange={(e) => setDept(e.target.value)} autoFocus={props.departments.length > 0}>
            {props.departments.map((d) => (
              <option key={d.id} value={String(d.id)}>
                {d.name || '（未命名部门）'}
              </option>
            ))}
            <option value={NEW}>新部门…</option>
        </select>
        {dept === NEW && (
          <label>
            部门名称
            <input value={deptName} autoFocus onChange={(e) => setDeptName(e.target.value)} placeholder="如 广州市信访局" />
          </label>
        )}
        <label>
          单位名称
          <input
            value={unitName}
            onChange={(e) => setUnitName(e.target.value)}
            placeholder={dept === NEW ? '不填则与部门同名' : '资金使用单位，如 某某局本级'}
          />
        </label>
        <FormError message={error} />
        <div className="buttons">
          <button type="button" onClick={props.onClose}>
            取消
          </button>
          <button type="submit" className="primary">
            新增
          </button>
        </div>
      </form>
    </Dialog>
  );
}
