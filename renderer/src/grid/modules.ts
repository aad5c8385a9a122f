// The AG Grid features the sheets use, registered instead of AllCommunityModule: the page's script is a fifth
// smaller, and the browser parses it before it can draw anything. A feature used without its module logs AG Grid
// error #200, which fails the end-to-end tests (their console check).

import {
  CellApiModule,
  CellSpanModule,
  CellStyleModule,
  ClientSideRowModelApiModule,
  ClientSideRowModelModule,
  ColumnApiModule,
  CustomEditorModule,
  EventApiModule,
  LocaleModule,
  type Module,
  PinnedRowModule,
  RenderApiModule,
  RowApiModule,
  RowAutoHeightModule,
  RowStyleModule,
  ScrollApiModule,
  TooltipModule,
} from 'ag-grid-community';

export const SHEET_MODULES: Module[] = [CellApiModule, CellSpanModule, CellStyleModule, ClientSideRowModelApiModule, ClientSideRowModelModule, ColumnApiModule, CustomEditorModule, EventApiModule, LocaleModule, PinnedRowModule, RenderApiModule, RowApiModule, RowAutoHeightModule, RowStyleModule, ScrollApiModule, TooltipModule];
