// Column helpers shared by the sheets: how money shows (万元, two decimals, thousands separators, zero blank as the
// templates print it) and how it is edited (plain digits).
import { formatMoney, moneyToPlain, type Cents } from '../../../shared/money.ts';

/** `1,107.43`; zero blank, as the official tables leave zero columns empty. */
export function moneyText(cents: Cents | null | undefined): string {
  return cents ? formatMoney(cents) : '';
}

/** The amount as the officer edits it: `1107.43`, empty for zero. */
export function moneyEditText(cents: Cents | null | undefined): string {
  return cents ? moneyToPlain(cents) : '';
}
