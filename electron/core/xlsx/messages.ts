// Messages more than one reader gives, worded once.

/** After the quoted file name: an encrypted workbook, whatever its format (encrypted xlsx, BIFF FILEPASS). */
export const PASSWORD_PROTECTED =
  '设有打开密码，无法读取。请先在 Excel/WPS 中取消密码（文件 › 信息 › 保护工作簿 › 用密码进行加密，清空密码）并保存后再导入';

/** A file cut short or damaged on the way; `detail` says what was found. */
export function damagedMessage(name: string, detail: string): string {
  return `“${name}”已损坏或不完整（${detail}），可能在下载或复制时被截断。请重新获取文件后再导入`;
}
