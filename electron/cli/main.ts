// The command line: `npm run cli -- <command>`. Other code scripts it, so its commands, output and exit codes are a
// stable contract: 0 done, 1 findings (or nothing to undo/redo), 2 bad input or usage — and on 2 nothing was
// written. Messages are Chinese, on stderr, and say what is wrong and where.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UserError } from '../../shared/errors.ts';
import { isFrameworkId } from '../../shared/frameworks.ts';
import { KIND_LABEL } from '../../shared/import/importSheets.ts';
import { toInterchange } from '../../shared/interchange.ts';
import { countBySeverity, describeLocation, type Finding } from '../../shared/validation.ts';
import { invoke, type Session } from '../core/api/handlers.ts';
import { writeFileAtomic } from '../core/files.ts';
import { sqliteUserError } from '../core/store/sqliteErrors.ts';
import { type ImportReport, readSources } from '../core/importing.ts';
import { listBackups, makeBackup, restoreBackup } from '../core/store/backups.ts';
import { checkYearFileHeader } from '../core/store/fileCheck.ts';
import { YearStore } from '../core/store/yearStore.ts';

export const EXIT = { ok: 0, findings: 1, badInput: 2, internal: 3 } as const;

const USAGE = `用法：npm run cli -- <命令> …

  new FILE --year N [--framework A|B]   新建年度文件（指标体系 A：成本指标在产出指标下，默认；B：财预〔2021〕101号）
  load FILE DATA.json                   把交换格式 JSON 载入年度文件（一次操作，可撤销）
  dump FILE [--out DATA.json [--overwrite]]
                                        把整个年度导出为交换格式 JSON（不加 --out 则输出到标准输出；
                                        DATA.json 已存在时要加 --overwrite 才替换）
  validate FILE [--json]                审核；有错误时退出码为 1
  export FILE --template summary|project|overall --out OUT.xlsx [--overwrite] [--style A|B|C] [--layout stacked|sheets]
              [--font-title 字体] [--font-header 字体] [--font-body 字体] [--title 标题]
                                        导出与官方模板一致的 xlsx：summary 项目支出绩效目标表（T1，--style 为绩效指标文字格式），
                                        project 项目绩效目标表（T2，--layout sheets 每个项目一张工作表），overall 部门整体（T3）；
                                        OUT.xlsx 已存在时要加 --overwrite 才替换，只读文件不会被替换
  import FILE SOURCE… [--year N] [--dry-run] [--json] [--department 部门名称]
                                        导入上年的表格（项目支出绩效目标表、项目绩效目标表、部门整体表；自动识别）：.xlsx、
                                        .xls（含一体化系统导出的 Excel 2003 XML）、.et、.ods，按内容识别格式，不看扩展名。
                                        FILE 不存在时按 --year 新建；--dry-run 只显示将导入的内容，不写入
  rollforward FROM TO [--year N] [--keep-amounts] [--projects 编码或名称,…] [--json]
                                        由 FROM 年度结转生成新年度文件 TO：项目与指标结转、年份文字顺延、上年指标值留作参考，
                                        金额与资金支出计划默认清空（--keep-amounts 保留）
  undo FILE                             撤销上一次操作
  redo FILE                             重做上一次撤销的操作
  backups FILE [--json]                 列出年度文件的备份（导入、结转、恢复之前和每天第一次打开时自动备份）
  restore FILE BACKUP                   用备份替换年度文件（先检查备份完好，替换前再备份一次当前文件）

退出码：0 完成；1 有审核错误或没有可撤销/重做的操作；2 输入或用法有误（此时未写入任何内容）。
提示：要把 dump 的结果直接接到其他程序，请用 npm run -s cli -- dump FILE（-s 去掉 npm 自己的提示行）。`;

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

class UsageError extends UserError {}

/** node:util parseArgs speaks English; say the common cases in Chinese. */
function argumentMessage(msg: string): string {
  const unknown = /Unknown option '([^']+)'/.exec(msg);
  if (unknown) return `不认识的选项 ${unknown[1]}`;
  const missing = /Option '(-[-\w]+)[^']*' argument missing/.exec(msg);
  if (missing) return `选项 ${missing[1]} 缺少取值`;
  const ambiguous = /Option '(-[-\w]+)[^']*' argument is ambiguous/.exec(msg);
  if (ambiguous) return `选项 ${ambiguous[1]} 的取值不能以“-”开头`;
  const positional = /Unexpected argument '([^']+)'/.exec(msg);
  if (positional) return `多余的参数：${positional[1]}`;
  return `参数有误：${msg}`;
}

const YEAR_RANGE = { min: 1990, max: 2200 };

function yearArg(value: unknown): number {
  const text = String(value);
  if (!/^\d{4}$/.test(text) || Number(text) < YEAR_RANGE.min || Number(text) > YEAR_RANGE.max) {
    throw new UsageError(`--year “${text}”不对：请填写 ${YEAR_RANGE.min} 到 ${YEAR_RANGE.max} 之间的四位年份，如 2025`);
  }
  return Number(text);
}

function parse(args: string[], options: ParseArgsConfig['options'], positionals: string[]) {
  let parsed;
  try {
    parsed = parseArgs({ args, options: options ?? {}, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(argumentMessage((e as Error).message));
  }
  if (parsed.positionals.length !== positionals.length) {
    throw new UsageError(
      parsed.positionals.length < positionals.length
        ? `缺少参数 ${positionals.slice(parsed.positionals.length).join(' ')}`
        : `多余的参数：${parsed.positionals.slice(positionals.length).join(' ')}`,
    );
  }
  return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
}

function withStore<T>(file: string, readonly: boolean, fn: (s: Session & { store: YearStore }) => T): T {
  const store = YearStore.open(file, { readonly });
  try {
    return fn({ store });
  } finally {
    store.close();
  }
}

function readTextFile(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT') throw new UserError(`找不到${what}“${file}”`);
    if (code === 'EISDIR') throw new UserError(`“${file}”是文件夹，不是${what}`);
    throw new UserError(`无法读取${what}“${file}”：${(e as Error).message}`);
  }
}

function printFindings(io: Io, findings: readonly Finding[]): void {
  let last = '';
  for (const f of findings) {
    const { field, ...rest } = f.location;
    const where = describeLocation(rest);
    if (where !== last) {
      io.out(`${where}\n`);
      last = where;
    }
    const fieldText = field ? `${describeLocation({ department: '', departmentIndex: 0, field }).replace(/^ › /, '')}：` : '';
    io.out(`  ${f.severity === 'error' ? '错误' : '警告'}［规则${f.rule}］${fieldText}${f.message}\n`);
  }
  const n = countBySeverity(findings);
  io.out(findings.length === 0 ? '审核通过：没有发现问题。\n' : `共 ${n.error} 个错误，${n.warning} 个警告。\n`);
}

const commands: Record<string, (args: string[], io: Io) => number | Promise<number>> = {
  new(args, io) {
    const { values, positionals } = parse(
      args,
      { year: { type: 'string' }, framework: { type: 'string' } },
      ['FILE'],
    );
    const file = positionals[0] as string;
    if (values.year === undefined) throw new UsageError('缺少 --year：请给出财政年度，如 --year 2025');
    yearArg(values.year);
    const framework = String(values.framework ?? 'A').toUpperCase();
    if (!isFrameworkId(framework)) {
      throw new UsageError(`--framework “${String(values.framework)}”不对：只能是 A（成本指标在产出指标下）或 B（财预〔2021〕101号）`);
    }
    const store = YearStore.create(file, { fiscalYear: Number(values.year), framework });
    store.close();
    io.err(`已新建 ${values.year} 年度文件“${file}”（指标体系 ${framework}）。\n`);
    return EXIT.ok;
  },

  load(args, io) {
    const { positionals } = parse(args, {}, ['FILE', 'DATA.json']);
    const [file, dataFile] = positionals as [string, string];
    const json = readTextFile(dataFile, 'JSON 文件');
    const counts = withStore(file, false, (s) => invoke(s, 'year.load', { json, source: path.basename(dataFile) }));
    io.err(`已载入：${counts.departments} 个部门，${counts.projects} 个项目，${counts.indicators} 条指标（可用 undo 撤销）。\n`);
    return EXIT.ok;
  },

  dump(args, io) {
    const { values, positionals } = parse(args, { out: { type: 'string' }, overwrite: { type: 'boolean' } }, ['FILE']);
    if (values.overwrite && typeof values.out !== 'string') throw new UsageError('--overwrite 只与 --out 一起用');
    const text = withStore(positionals[0] as string, true, (s) => invoke(s, 'year.dump', {}));
    if (typeof values.out === 'string') {
      writeFileAtomic(values.out, text, { overwrite: Boolean(values.overwrite) });
      io.err(`已导出到“${values.out}”。\n`);
    } else {
      io.out(text);
    }
    return EXIT.ok;
  },

  validate(args, io) {
    const { values, positionals } = parse(args, { json: { type: 'boolean' } }, ['FILE']);
    const { findings, empty } = withStore(positionals[0] as string, true, (s) => ({
      findings: invoke(s, 'year.validate', {}),
      empty: s.store.read().departments.length === 0,
    }));
    if (!values.json && empty) io.out('年度文件中还没有任何项目或部门整体绩效目标，没有可审核的内容。\n');
    else if (values.json) {
      // The page's ids (target) are for the app; the CLI's JSON stays as it was.
      const out = findings.map(({ target: _target, ...f }) => ({ ...f, where: describeLocation(f.location) }));
      io.out(`${JSON.stringify(out, null, 2)}\n`);
    } else {
      printFindings(io, findings);
    }
    return countBySeverity(findings).error > 0 ? EXIT.findings : EXIT.ok;
  },

  async export(args, io) {
    const { values, positionals } = parse(
      args,
      {
        template: { type: 'string' },
        out: { type: 'string' },
        overwrite: { type: 'boolean' },
        style: { type: 'string' },
        layout: { type: 'string' },
        'font-title': { type: 'string' },
        'font-header': { type: 'string' },
        'font-body': { type: 'string' },
        title: { type: 'string' },
      },
      ['FILE'],
    );
    const template = values.template;
    if (template !== 'summary' && template !== 'project' && template !== 'overall') {
      throw new UsageError(
        template === undefined ? '缺少 --template：summary、project 或 overall' : `--template “${String(template)}”不对：只能是 summary、project 或 overall`,
      );
    }
    if (typeof values.out !== 'string') throw new UsageError('缺少 --out：导出的 xlsx 文件名');
    const style = values.style === undefined ? undefined : String(values.style).toUpperCase();
    if (style !== undefined && style !== 'A' && style !== 'B' && style !== 'C') {
      throw new UsageError(`--style “${String(values.style)}”不对：只能是 A、B 或 C`);
    }
    if (style !== undefined && template !== 'summary') throw new UsageError('--style 只用于 --template summary（项目支出绩效目标表的绩效指标文字格式）');
    if (values.layout !== undefined && template !== 'project') throw new UsageError('--layout 只用于 --template project（项目绩效目标表）');
    if (values.title !== undefined && template !== 'overall') throw new UsageError('--title 只用于 --template overall（部门整体预算绩效目标表）');
    if (values.title !== undefined && String(values.title).trim() === '') throw new UsageError('--title 不能为空');
    const layout = values.layout;
    if (layout !== undefined && layout !== 'stacked' && layout !== 'sheets') {
      throw new UsageError(`--layout “${String(layout)}”不对：只能是 stacked（全部项目在一张工作表）或 sheets（每个项目一张）`);
    }
    const fontNames = Object.fromEntries(
      (['title', 'header', 'body'] as const).flatMap((k) => {
        const v = values[`font-${k}`];
        return typeof v === 'string' ? [[k, v]] : [];
      }),
    );
    const input = {
      template,
      out: values.out,
      ...(values.overwrite ? { overwrite: true } : {}),
      ...(style ? { style } : {}),
      ...(layout ? { layout } : {}),
      ...(Object.keys(fontNames).length ? { fontNames } : {}),
      ...(typeof values.title === 'string' ? { title: values.title } : {}),
    };
    const store = YearStore.open(positionals[0] as string, { readonly: true });
    try {
      const r = await invoke({ store }, 'year.export', input);
      io.err(`已导出“${r.path}”：${r.sheets.length} 张工作表，${r.rows} 行。\n`);
      for (const note of r.notes) io.err(`${note}\n`);
    } finally {
      store.close();
    }
    return EXIT.ok;
  },

  async import(args, io) {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        options: { year: { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' }, department: { type: 'string' } },
        allowPositionals: true,
        strict: true,
      });
    } catch (e) {
      throw new UsageError(argumentMessage((e as Error).message));
    }
    const [file, ...sources] = parsed.positionals;
    if (!file || sources.length === 0) throw new UsageError('用法：import FILE SOURCE…（至少一个要导入的表格文件：.xlsx、.xls、.et、.ods 或 Excel 2003 XML）');
    const v = parsed.values;
    const year = v.year === undefined ? undefined : yearArg(v.year);
    const dryRun = Boolean(v['dry-run']);
    const opts = v.department ? { department: v.department } : {};
    let report: ImportReport;
    if (fs.existsSync(file)) {
      const store = YearStore.open(file, { readonly: dryRun });
      try {
        const fy = store.info().fiscalYear;
        if (year !== undefined && year !== fy) throw new UserError(`--year ${year} 与年度文件的年度 ${fy} 不一致，未导入`);
        if (!dryRun) makeBackup(store.path, '导入前');
        report = await invoke({ store }, 'year.import', { sources, dryRun, ...opts });
      } finally {
        store.close();
      }
    } else {
      if (year === undefined) throw new UsageError(`年度文件“${file}”不存在：要新建它，请用 --year 给出年度`);
      report = await readSources(sources, { fiscalYear: year, framework: null }, opts);
      if (!dryRun) {
        const store = YearStore.create(file, { fiscalYear: year, framework: report.data.framework });
        try {
          store.append(report.data, `导入 ${sources.map((s) => path.basename(s)).join('、')}`);
        } catch (e) {
          store.close();
          fs.rmSync(file, { force: true });
          throw e;
        }
        store.close();
      }
    }
    if (v.json) {
      const out = { dryRun, sheets: report.sheets, warnings: report.warnings, counts: report.counts, ...(dryRun ? { data: toInterchange(report.data) } : {}) };
      io.out(`${JSON.stringify(out, null, 2)}\n`);
    } else {
      for (const s of report.sheets) {
        io.out(
          s.template
            ? `${s.source} › ${s.sheet}：${KIND_LABEL[s.template]}，${s.projects} 个项目，${s.indicators} 条指标\n`
            : `${s.source} › ${s.sheet}：未识别，已跳过\n`,
        );
      }
      for (const w of report.warnings) io.out(`  警告 ${w.where}：${w.message}\n`);
      const c = report.counts;
      io.out(`${dryRun ? '预览（未写入任何内容）' : '已导入'}：${c.departments} 个部门，${c.projects} 个项目，${c.indicators} 条指标，${report.warnings.length} 条警告。\n`);
    }
    return EXIT.ok;
  },

  rollforward(args, io) {
    const { values, positionals } = parse(
      args,
      { year: { type: 'string' }, 'keep-amounts': { type: 'boolean' }, projects: { type: 'string' }, json: { type: 'boolean' } },
      ['FROM', 'TO'],
    );
    const [from, to] = positionals as [string, string];
    if (values.year !== undefined) yearArg(values.year);
    const input = {
      to,
      ...(values.year !== undefined ? { toYear: Number(values.year) } : {}),
      ...(values['keep-amounts'] ? { keepAmounts: true } : {}),
      ...(typeof values.projects === 'string' ? { projects: values.projects.split(/[,，]/).map((x) => x.trim()).filter(Boolean) } : {}),
    };
    checkYearFileHeader(from);
    makeBackup(from, '结转前');
    const report = withStore(from, true, (s) => invoke(s, 'year.rollforward', input));
    if (values.json) {
      io.out(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      io.out(`已由 ${report.from} 年度结转生成 ${report.to} 年度文件“${report.path}”：${report.projects} 个项目，${report.indicators} 条指标。\n`);
      io.out(report.changes.length === 0 ? '没有需要顺延年份的文字。\n' : `顺延年份的文字 ${report.changes.length} 处，请逐一核对：\n`);
      for (const c of report.changes) io.out(`  ${c.where}\n    原：${c.before}\n    新：${c.after}\n`);
    }
    return EXIT.ok;
  },

  backups(args, io) {
    const { values, positionals } = parse(args, { json: { type: 'boolean' } }, ['FILE']);
    const file = positionals[0] as string;
    if (!fs.existsSync(file)) throw new UserError(`找不到年度文件“${file}”`);
    const list = listBackups(path.resolve(file));
    if (values.json) {
      io.out(`${JSON.stringify(list, null, 2)}\n`);
      return EXIT.ok;
    }
    if (list.length === 0) {
      io.out(`“${file}”还没有备份。\n`);
      return EXIT.ok;
    }
    for (const b of list) io.out(`${b.at.replace('T', ' ').slice(0, 19)}  ${b.reason}  ${(b.bytes / 1024).toFixed(0)} KB  ${b.path}\n`);
    io.out(`共 ${list.length} 个备份。恢复：npm run cli -- restore ${file} 备份文件\n`);
    return EXIT.ok;
  },

  restore(args, io) {
    const { positionals } = parse(args, {}, ['FILE', 'BACKUP']);
    const [file, backup] = positionals as [string, string];
    const { replacedBackup } = restoreBackup(path.resolve(file), path.resolve(backup));
    io.err(`已用“${path.basename(backup)}”恢复“${file}”。${replacedBackup ? `恢复前的文件已备份为“${replacedBackup}”。` : ''}\n`);
    return EXIT.ok;
  },

  undo(args, io) {
    const { positionals } = parse(args, {}, ['FILE']);
    return withStore(positionals[0] as string, false, (s) => {
      const { label } = invoke(s, 'history.undo', {});
      if (label === null) {
        io.err('没有可撤销的操作。\n');
        return EXIT.findings;
      }
      io.err(`已撤销：${label}（还可撤销 ${s.store.history().undo.length} 步）。\n`);
      return EXIT.ok;
    });
  },

  redo(args, io) {
    const { positionals } = parse(args, {}, ['FILE']);
    return withStore(positionals[0] as string, false, (s) => {
      const { label } = invoke(s, 'history.redo', {});
      if (label === null) {
        io.err('没有可重做的操作。\n');
        return EXIT.findings;
      }
      io.err(`已重做：${label}。\n`);
      return EXIT.ok;
    });
  },
};

/** Runs one command line; resolves to the exit code. Never rejects. */
export async function runCli(argv: readonly string[], io: Io = processIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    (command === undefined ? io.err : io.out)(`${USAGE}\n`);
    return command === undefined ? EXIT.badInput : EXIT.ok;
  }
  const run = commands[command];
  if (!run) {
    io.err(`错误：不认识的命令“${command}”。\n\n${USAGE}\n`);
    return EXIT.badInput;
  }
  try {
    return await run(rest, io);
  } catch (caught) {
    const e = sqliteUserError(caught) ?? caught;
    if (e instanceof UserError) {
      io.err(`错误：${e.message}\n${e.details.map((d) => `  ${d}\n`).join('')}`);
      if (e instanceof UsageError) io.err(`\n${USAGE}\n`);
      return EXIT.badInput;
    }
    io.err(`程序内部错误（这不是您的输入造成的，请把下面的信息发给开发者）：\n${(e as Error).stack ?? String(e)}\n`);
    return EXIT.internal;
  }
}

// Run only when started as a program, not when a test imports runCli.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // `npm run` starts scripts in the package folder; paths on the command line are meant from where it was typed.
  if (process.env.npm_lifecycle_event === 'cli' && process.env.INIT_CWD && fs.existsSync(process.env.INIT_CWD)) {
    process.chdir(process.env.INIT_CWD);
  }
  // `… | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  process.exitCode = await runCli(process.argv.slice(2));
}
