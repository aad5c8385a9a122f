/** The year file name for a fiscal year, as the officer sees it in the data folder: `2025年绩效目标.db`. */
export function yearFileName(fiscalYear: number): string {
  return `${fiscalYear}年绩效目标.db`;
}
